import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { emptyReactionSummary } from "../reactions/kinds";
import { loadMyReactions, loadReactionSummaries } from "../reactions/summaries";
import { listDiscussion } from "./list-discussion";
import { discussionKeyOf, type ThreadDiscussionSnapshot } from "./types";

/**
 * One discussion from a cursor on: the page a reader without JavaScript reaches through
 * "voir plus". The thread's seq is read first, so live changes after it apply on top of the
 * comments read next (counts in changes are absolute, comments are upserted by id).
 */
export async function loadDiscussionPage(
  db: Database,
  viewerId: string | null,
  threadId: string,
  takeawayId: string | null,
  after: string | undefined,
): Promise<ThreadDiscussionSnapshot> {
  const [thread] = await db
    .select({ lastSeq: threads.lastSeq, total: threads.commentCount, general: threads.generalCommentCount })
    .from(threads)
    .where(eq(threads.id, threadId))
    .limit(1);
  if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
  let count = thread.general;
  if (takeawayId) {
    const [takeaway] = await db
      .select({ count: posts.commentCount, threadId: posts.threadId, kind: posts.kind })
      .from(posts)
      .where(eq(posts.id, takeawayId))
      .limit(1);
    if (!takeaway || takeaway.threadId !== threadId || takeaway.kind !== "takeaway") {
      throw new AppError("not_found:takeaway", "Ce point clé n’existe pas dans cette discussion.");
    }
    count = takeaway.count;
  }
  const page = await listDiscussion(db, viewerId, { threadId, takeawayId, after });
  const takeawayIds = takeawayId ? [takeawayId] : [];
  const summaries = await loadReactionSummaries(db, takeawayIds);
  const mine = { ...page.mine, ...(await loadMyReactions(db, viewerId, takeawayIds)) };
  return {
    threadId,
    lastSeq: Number(thread.lastSeq),
    total: thread.total,
    discussions: {
      [discussionKeyOf(takeawayId)]: { count, comments: page.comments, nextCursor: page.nextCursor },
    },
    takeawayReactions: Object.fromEntries(
      takeawayIds.map((id) => [id, summaries.get(id) ?? emptyReactionSummary()]),
    ),
    mine,
    focus: null,
  };
}
