import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import {
  threadEvents,
  type MoveChange,
  type ReactionChange,
  type ThreadEventType,
} from "../../db/schema/thread-events";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import type { DiscussionCounts } from "./types";

export interface SequencedThread {
  seq: number;
  locked: boolean;
  commentCount: number;
  generalCommentCount: number;
}

/**
 * Hands out the thread's next seq. The UPDATE takes the thread row's lock until the
 * transaction ends, so writers of one thread queue up here and seq order is commit order:
 * a client that saw seq n has seen every change before it. A rolled-back transaction gives
 * its number back, so seqs have no holes. Every write to a discussion starts here, before
 * touching posts or reactions, so locks are always taken in the same order.
 */
export async function takeNextSeq(tx: Transaction, threadId: string): Promise<SequencedThread> {
  const [row] = await tx
    .update(threads)
    .set({ lastSeq: sql`${threads.lastSeq} + 1` })
    .where(eq(threads.id, threadId))
    .returning({
      seq: threads.lastSeq,
      lockedAt: threads.lockedAt,
      commentCount: threads.commentCount,
      generalCommentCount: threads.generalCommentCount,
    });
  if (!row) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
  return {
    seq: Number(row.seq),
    locked: row.lockedAt !== null,
    commentCount: row.commentCount,
    generalCommentCount: row.generalCommentCount,
  };
}

/** Records the change that took `seq`, for clients that catch up. */
export async function appendThreadEvent(
  tx: Transaction,
  event: {
    threadId: string;
    seq: number;
    type: ThreadEventType;
    postId: string | null;
    actorId: string | null;
    data?: ReactionChange | MoveChange;
  },
): Promise<void> {
  await tx.insert(threadEvents).values({ ...event, data: event.data ?? null });
}

/**
 * Moves a comment's counters by `delta` (+1 created, -1 deleted): the thread's total, and its
 * discussion's (the takeaway's, or the thread-as-a-whole one). Returns the counts after.
 */
export async function moveCommentCounts(
  tx: Transaction,
  threadId: string,
  takeawayId: string | null,
  delta: 1 | -1,
): Promise<DiscussionCounts> {
  const [thread] = await tx
    .update(threads)
    .set({
      commentCount: sql`${threads.commentCount} + ${delta}`,
      ...(takeawayId ? {} : { generalCommentCount: sql`${threads.generalCommentCount} + ${delta}` }),
      ...(delta > 0 ? { lastActivityAt: sql`now()` } : {}),
    })
    .where(eq(threads.id, threadId))
    .returning({ total: threads.commentCount, general: threads.generalCommentCount });
  if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
  if (!takeawayId) return { total: thread.total, discussion: thread.general };
  const [takeaway] = await tx
    .update(posts)
    .set({ commentCount: sql`${posts.commentCount} + ${delta}` })
    .where(eq(posts.id, takeawayId))
    .returning({ count: posts.commentCount });
  return { total: thread.total, discussion: takeaway?.count ?? 0 };
}

/**
 * Moves the count of a discussion (a takeaway's, or the thread's own with null) by `delta`
 * without touching the thread's total: a comment moved by moderation changes discussion.
 */
export async function shiftDiscussionCount(
  tx: Transaction,
  threadId: string,
  takeawayId: string | null,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  if (takeawayId) {
    await tx
      .update(posts)
      .set({ commentCount: sql`${posts.commentCount} + ${delta}` })
      .where(eq(posts.id, takeawayId));
  } else {
    await tx
      .update(threads)
      .set({ generalCommentCount: sql`${threads.generalCommentCount} + ${delta}` })
      .where(eq(threads.id, threadId));
  }
}
