import { getDb } from "@/db/client";
import { statusOf, toErrorBody } from "@/lib/errors";
import {
  discussionQuerySchema,
  parseOrThrow,
  takeawayIdOf,
  uuidParamSchema,
} from "@/lib/posts/discussion-request";
import { listDiscussion } from "@/lib/posts/list-discussion";

export const dynamic = "force-dynamic";

/** "Voir plus" of a discussion: its next top-level comments with their conversations, as JSON. */
export async function GET(request: Request, { params }: { params: Promise<{ threadId: string }> }) {
  try {
    const threadId = parseOrThrow(uuidParamSchema, (await params).threadId);
    const query = parseOrThrow(discussionQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    // Guests until sign-in lands; then the session's member, for their own reactions.
    const page = await listDiscussion(getDb(), null, {
      threadId,
      takeawayId: takeawayIdOf(query.discussion),
      after: query.apres,
    });
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const body = toErrorBody(error);
    return Response.json(body, { status: statusOf(body) });
  }
}
