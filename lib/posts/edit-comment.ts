import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { postRevisions } from "../../db/schema/post-revisions";
import { posts } from "../../db/schema/posts";
import type { MaybeActor } from "../auth/authorization";
import { AppError } from "../errors";
import { assertActorCan } from "./access";
import type { CommentResult } from "./create-comment";
import { selectPostRows, toPostViews, type PostRow } from "./post-views";
import type { DeleteCommentInput, EditCommentInput } from "./schemas";
import { appendThreadEvent, moveCommentCounts, takeNextSeq, type SequencedThread } from "./thread-sequence";
import type { PostChange } from "./types";

/** Nothing to change (same text, already deleted): roll the seq back and answer with the post as is. */
class Unchanged extends Error {
  constructor(readonly row: PostRow) {
    super("unchanged");
  }
}

async function threadOfPost(db: Database, postId: string): Promise<string> {
  const [post] = await db
    .select({ threadId: posts.threadId })
    .from(posts)
    .where(eq(posts.id, postId))
    .limit(1);
  if (!post) throw new AppError("not_found:post", "Ce commentaire n’existe pas ou plus.");
  return post.threadId;
}

/**
 * Runs `write` on a comment under its thread's lock, with the comment's row read after the
 * lock (so what is checked is what is changed). Returns the comment as it is after the commit.
 */
async function writeComment(
  db: Database,
  postId: string,
  write: (tx: Transaction, row: PostRow, thread: SequencedThread) => Promise<PostChange>,
): Promise<CommentResult> {
  const threadId = await threadOfPost(db, postId);
  try {
    return await db.transaction(async (tx) => {
      const thread = await takeNextSeq(tx, threadId);
      const [row] = await selectPostRows(tx).where(eq(posts.id, postId)).for("update", { of: posts });
      if (!row) throw new AppError("not_found:post", "Ce commentaire n’existe pas ou plus.");
      if (row.kind !== "comment") {
        throw new AppError("forbidden:not_comment", "Seuls les commentaires se modifient ou se suppriment.");
      }
      const change = await write(tx, row, thread);
      return { post: change.post, change };
    });
  } catch (error) {
    if (!(error instanceof Unchanged)) throw error;
    const [post] = await toPostViews(db, [error.row]);
    return { post: post!, change: null };
  }
}

/** Replaces a member's comment text, keeping the previous version in post_revisions. */
export async function editComment(
  db: Database,
  actor: MaybeActor,
  input: EditCommentInput,
): Promise<CommentResult> {
  return writeComment(db, input.postId, async (tx, row, thread) => {
    const author = assertActorCan(actor, "post:edit", {
      authorId: row.authorId,
      threadLocked: thread.locked,
    });
    if (row.deletedAt) throw new AppError("conflict:deleted", "Ce commentaire a été supprimé.");
    if (row.body === input.body) throw new Unchanged(row);
    await tx
      .insert(postRevisions)
      .values({ postId: row.id, body: row.body, writtenAt: row.editedAt ?? row.createdAt });
    await tx
      .update(posts)
      .set({ body: input.body, editedAt: sql`now()` })
      .where(eq(posts.id, row.id));
    await appendThreadEvent(tx, {
      threadId: row.threadId,
      seq: thread.seq,
      type: "post_edited",
      postId: row.id,
      actorId: author.id,
    });
    const [updated] = await selectPostRows(tx).where(eq(posts.id, row.id));
    const [post] = await toPostViews(tx, [updated!]);
    const counts = {
      total: thread.commentCount,
      discussion: await discussionCount(tx, row.takeawayId, thread.generalCommentCount),
    };
    return { seq: thread.seq, type: "post:edited", post: post!, counts };
  });
}

/**
 * Deletes a member's comment as a tombstone: its text and author disappear from every view,
 * its replies stay in place. The text stays in the database (for moderation); deleting twice
 * changes nothing.
 */
export async function deleteComment(
  db: Database,
  actor: MaybeActor,
  input: DeleteCommentInput,
): Promise<CommentResult> {
  return writeComment(db, input.postId, async (tx, row, thread) => {
    const author = assertActorCan(actor, "post:delete", {
      authorId: row.authorId,
      threadLocked: thread.locked,
    });
    if (row.deletedAt) throw new Unchanged(row);
    await tx
      .update(posts)
      .set({ deletedAt: sql`now()` })
      .where(eq(posts.id, row.id));
    const counts = await moveCommentCounts(tx, row.threadId, row.takeawayId, -1);
    await appendThreadEvent(tx, {
      threadId: row.threadId,
      seq: thread.seq,
      type: "post_deleted",
      postId: row.id,
      actorId: author.id,
    });
    const [updated] = await selectPostRows(tx).where(eq(posts.id, row.id));
    const [post] = await toPostViews(tx, [updated!]);
    return { seq: thread.seq, type: "post:deleted", post: post!, counts };
  });
}

async function discussionCount(tx: Transaction, takeawayId: string | null, general: number): Promise<number> {
  if (!takeawayId) return general;
  const [takeaway] = await tx
    .select({ count: posts.commentCount })
    .from(posts)
    .where(eq(posts.id, takeawayId))
    .limit(1);
  return takeaway?.count ?? 0;
}
