import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { loadPostViews } from "./post-views";
import { discussionKeyOf, type DiscussionCounts, type PostChange } from "./types";

/** The thread a post belongs to, read before its transaction takes the thread's lock. */
export async function threadOfPostOrThrow(db: Database, postId: string): Promise<string> {
  const [post] = await db
    .select({ threadId: posts.threadId })
    .from(posts)
    .where(eq(posts.id, postId))
    .limit(1);
  if (!post) throw new AppError("not_found:post", "Ce commentaire n’existe pas.");
  return post.threadId;
}

/** The counts of a discussion (null: the thread's own) and of the whole thread, as they stand. */
export async function currentCounts(
  db: Database,
  threadId: string,
  takeawayId: string | null,
): Promise<DiscussionCounts> {
  const [thread] = await db
    .select({ total: threads.commentCount, general: threads.generalCommentCount })
    .from(threads)
    .where(eq(threads.id, threadId))
    .limit(1);
  if (!takeawayId) return { total: thread?.total ?? 0, discussion: thread?.general ?? 0 };
  const [takeaway] = await db
    .select({ count: posts.commentCount })
    .from(posts)
    .where(eq(posts.id, takeawayId))
    .limit(1);
  return { total: thread?.total ?? 0, discussion: takeaway?.count ?? 0 };
}

/**
 * A committed change to a comment made outside lib/posts (moderation), as the discussion's
 * clients receive it: the comment as it now is, with counts, under the seq it took.
 */
export async function loadPostChange(
  db: Database,
  seq: number,
  postId: string,
  movedFrom?: { takeawayId: string | null },
): Promise<PostChange | null> {
  const post = (await loadPostViews(db, [postId])).get(postId);
  if (!post) return null;
  const counts = await currentCounts(db, post.threadId, post.takeawayId);
  if (movedFrom) {
    const left = await currentCounts(db, post.threadId, movedFrom.takeawayId);
    counts.left = { discussion: discussionKeyOf(movedFrom.takeawayId), count: left.discussion };
  }
  return { seq, type: "post:updated", post, counts };
}
