import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import {
  threadEvents,
  type MoveChange,
  type ReactionChange,
  type ThreadEventType,
} from "../../db/schema/thread-events";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { loadReactionSummaries } from "../reactions/summaries";
import { loadPostViews } from "./post-views";
import { catchUpSchema, type CatchUpInput } from "./schemas";
import {
  discussionKeyOf,
  type CatchUpResult,
  type DiscussionCounts,
  type PostChange,
  type ThreadChange,
} from "./types";

const postChangeTypes: Partial<Record<ThreadEventType, PostChange["type"]>> = {
  post_created: "post:created",
  post_edited: "post:edited",
  post_deleted: "post:deleted",
  post_hidden: "post:updated",
  post_restored: "post:updated",
  post_featured: "post:updated",
  post_moved: "post:updated",
};

const movedFrom = (data: ReactionChange | MoveChange | null): string | null | undefined =>
  data && "from" in data ? data.from : undefined;

/**
 * Every change of a thread after `afterSeq`, in seq order, for a client coming back from a
 * disconnection, a sleep or a server restart. Changes carry the current state of their post
 * (applying them is idempotent, and the last one leaves the client exactly up to date).
 *
 * The thread's last seq is read first: every seq up to it is committed (a seq is handed out
 * under the thread's lock, after the previous holder committed), so reading events up to it
 * next can never skip one still in flight. `upTo` is where the client resumes.
 */
export async function catchUp(db: Database, rawInput: CatchUpInput): Promise<CatchUpResult> {
  const { threadId, afterSeq, limit } = catchUpSchema.parse(rawInput);
  const [thread] = await db
    .select({ lastSeq: threads.lastSeq, total: threads.commentCount, general: threads.generalCommentCount })
    .from(threads)
    .where(eq(threads.id, threadId))
    .limit(1);
  if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
  const lastSeq = Number(thread.lastSeq);

  const events = await db
    .select({
      seq: threadEvents.seq,
      type: threadEvents.type,
      postId: threadEvents.postId,
      data: threadEvents.data,
      actorId: threadEvents.actorId,
    })
    .from(threadEvents)
    .where(
      and(
        eq(threadEvents.threadId, threadId),
        gt(threadEvents.seq, afterSeq),
        lte(threadEvents.seq, lastSeq),
      ),
    )
    .orderBy(asc(threadEvents.seq))
    .limit(limit + 1);
  const hasMore = events.length > limit;
  const page = events.slice(0, limit);

  const postIds = [...new Set(page.filter((e) => postChangeTypes[e.type] && e.postId).map((e) => e.postId!))];
  const reactedIds = [
    ...new Set(page.filter((e) => e.type === "reactions_changed" && e.postId).map((e) => e.postId!)),
  ];
  const views = await loadPostViews(db, postIds);
  const summaries = await loadReactionSummaries(db, reactedIds);
  const takeawayIds = [
    ...new Set(
      [
        ...[...views.values()].map((view) => view.takeawayId),
        ...page.map((event) => movedFrom(event.data)),
      ].filter((id): id is string => typeof id === "string"),
    ),
  ];
  const takeawayCounts = new Map(
    takeawayIds.length
      ? (
          await db
            .select({ id: posts.id, count: posts.commentCount })
            .from(posts)
            .where(inArray(posts.id, takeawayIds))
        ).map((row) => [row.id, row.count])
      : [],
  );
  const countsOf = (takeawayId: string | null): DiscussionCounts => ({
    total: thread.total,
    discussion: takeawayId ? (takeawayCounts.get(takeawayId) ?? 0) : thread.general,
  });

  const changes: ThreadChange[] = [];
  for (const event of page) {
    const seq = Number(event.seq);
    const postType = postChangeTypes[event.type];
    const post = event.postId ? views.get(event.postId) : undefined;
    if (postType && post) {
      const counts = countsOf(post.takeawayId);
      const from = movedFrom(event.data);
      if (from !== undefined)
        counts.left = { discussion: discussionKeyOf(from), count: countsOf(from).discussion };
      changes.push({ seq, type: postType, post, counts });
    } else if (event.type === "reactions_changed" && event.postId) {
      const data = event.data && "kind" in event.data ? event.data : null;
      changes.push({
        seq,
        type: "reactions:updated",
        threadId,
        postId: event.postId,
        reactions: summaries.get(event.postId) ?? { emoji: {}, stance: {} },
        change: data && event.actorId ? { ...data, actorId: event.actorId } : null,
      });
    }
    // Anything else (a post since removed, a type this version does not know) only moves the cursor.
  }
  const last = page.at(-1);
  return { changes, upTo: hasMore && last ? Number(last.seq) : lastSeq, hasMore };
}
