import { getDb } from "@/db/client";
import { statusOf, toErrorBody } from "@/lib/errors";
import { branchQuerySchema, parseOrThrow, uuidParamSchema } from "@/lib/posts/discussion-request";
import { listBranch } from "@/lib/posts/list-discussion";

export const dynamic = "force-dynamic";

/** "Continuer cette conversation": a comment, the way down to it and its replies, as JSON. */
export async function GET(request: Request, { params }: { params: Promise<{ postId: string }> }) {
  try {
    const postId = parseOrThrow(uuidParamSchema, (await params).postId);
    const query = parseOrThrow(branchQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    const branch = await listBranch(getDb(), null, { postId, after: query.apres });
    return Response.json(branch, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const body = toErrorBody(error);
    return Response.json(body, { status: statusOf(body) });
  }
}
