import { z } from "zod";
import { getDb } from "@/db/client";
import { permalinkRedirect } from "../../permalink-redirect";
import { locatePost } from "@/lib/threads/locate";

/** /c/<id>: the permanent link of a comment, redirected to its place in its thread. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  const location = id.success ? await locatePost(getDb(), id.data) : null;
  if (!location)
    return new Response("Ce commentaire n’existe pas.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return permalinkRedirect(location);
}
