import { z } from "zod";
import { getDb } from "@/db/client";
import { permalinkRedirect } from "../../permalink-redirect";
import { locateThread } from "@/lib/threads/locate";

/** /d/<id>: the permanent link of a thread, whatever its current slug. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  const location = id.success ? await locateThread(getDb(), id.data) : null;
  if (!location)
    return new Response("Cette discussion n’existe pas.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return permalinkRedirect(location);
}
