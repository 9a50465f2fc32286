import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts, type Post } from "../../db/schema/posts";
import type { ThreadEventType } from "../../db/schema/thread-events";
import { loadPostChange, threadOfPostOrThrow } from "../posts/post-change";
import { appendThreadEvent, shiftDiscussionCount, takeNextSeq } from "../posts/thread-sequence";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { notifyUsers } from "../notifications/notifications";
import type { PostModeration } from "../realtime/events";
import { publishToThread } from "../realtime/publish";
import { recordAudit } from "./audit";
import { parseInput } from "./parse-input";
import { hidePostSchema, movePostSchema, postTargetSchema } from "./schemas";

export function postModeration(post: Post): PostModeration {
  return {
    threadId: post.threadId,
    postId: post.id,
    hidden: post.hiddenAt !== null,
    hiddenReason: post.hiddenReason,
    featured: post.featuredAt !== null,
    takeawayId: post.takeawayId,
  };
}

/**
 * What a thread's whole room learns of a moderation: never the reason, which only the author,
 * the reporters and moderators read (lib/moderation/hidden-reasons.ts).
 */
export function roomModeration(moderation: PostModeration): PostModeration {
  return { ...moderation, hiddenReason: null };
}

async function lockComment(tx: Transaction, postId: string): Promise<Post> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for("update");
  if (!post || post.kind !== "comment") throw new AppError("not_found:post", "Ce commentaire n’existe pas.");
  return post;
}

/**
 * After the commit: the moderation state (post:moderated) and, for the live discussion, the
 * comment as it now is under the seq it took (post:updated), which catch-ups replay too.
 */
async function publishModeration(
  db: Database,
  post: Post,
  seq: number,
  movedFrom?: { takeawayId: string | null },
) {
  const moderation = postModeration(post);
  publishToThread(post.threadId, "post:moderated", roomModeration(moderation));
  const change = await loadPostChange(db, seq, post.id, movedFrom);
  if (change) publishToThread(post.threadId, "post:updated", change);
  return moderation;
}

async function moderatePost(
  db: Database,
  actor: Actor | null,
  postId: string,
  action: string,
  eventType: ThreadEventType,
  change: (post: Post) => Partial<Post>,
  reason: string | null,
  afterChange?: (tx: Transaction, before: Post, after: Post) => Promise<void>,
): Promise<PostModeration> {
  assertCan(actor, "post:moderate");
  const threadId = await threadOfPostOrThrow(db, postId);
  const { updated, seq } = await db.transaction(async (tx) => {
    // Like every discussion write: the thread's seq (and lock) first, then the comment.
    const { seq } = await takeNextSeq(tx, threadId);
    const before = await lockComment(tx, postId);
    const [after] = await tx.update(posts).set(change(before)).where(eq(posts.id, postId)).returning();
    await recordAudit(tx, {
      actorId: actor!.id,
      action,
      targetType: "post",
      targetId: postId,
      threadId: before.threadId,
      reason,
    });
    await afterChange?.(tx, before, after!);
    await appendThreadEvent(tx, { threadId, seq, type: eventType, postId, actorId: actor!.id });
    return { updated: after!, seq };
  });
  return publishModeration(db, updated, seq);
}

/**
 * Hides a comment with a reason: members see the reason instead of the text, its author sees
 * both, its replies stay. Nothing is deleted.
 */
export async function hidePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason } = parseInput(hidePostSchema, input);
  return moderatePost(
    db,
    actor,
    postId,
    "post.hide",
    "post_hidden",
    () => ({ hiddenAt: new Date(), hiddenReason: reason, hiddenById: actor!.id }),
    reason,
    async (tx, post) => {
      await notifyUsers(
        tx,
        [post.authorId],
        `Votre commentaire a été masqué par la modération\u202f: ${reason}`,
        `/c/${post.id}`,
      );
    },
  );
}

export async function restorePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason } = parseInput(postTargetSchema, input);
  return moderatePost(
    db,
    actor,
    postId,
    "post.restore",
    "post_restored",
    () => ({ hiddenAt: null, hiddenReason: null, hiddenById: null }),
    reason ?? null,
  );
}

/** A moderators' pick: shown first under its takeaway, with a mark. */
export async function featurePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason } = parseInput(postTargetSchema, input);
  return moderatePost(
    db,
    actor,
    postId,
    "post.feature",
    "post_featured",
    () => ({ featuredAt: new Date() }),
    reason ?? null,
  );
}

export async function unfeaturePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason } = parseInput(postTargetSchema, input);
  return moderatePost(
    db,
    actor,
    postId,
    "post.unfeature",
    "post_featured",
    () => ({ featuredAt: null }),
    reason ?? null,
  );
}

/** Every reply below a comment, level by level, and whether it still counts (not deleted). */
async function subtree(tx: Transaction, rootId: string): Promise<{ id: string; live: boolean }[]> {
  const found: { id: string; live: boolean }[] = [];
  let frontier = [rootId];
  while (frontier.length) {
    const children = await tx
      .select({ id: posts.id, deletedAt: posts.deletedAt })
      .from(posts)
      .where(inArray(posts.parentId, frontier));
    frontier = children.map((child) => child.id);
    found.push(...children.map((child) => ({ id: child.id, live: child.deletedAt === null })));
  }
  return found;
}

/**
 * Moves a comment with all its replies under another takeaway of the same thread (or to the
 * thread as a whole). A moved reply becomes a top-level comment there.
 */
export async function movePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, takeawayId } = parseInput(movePostSchema, input);
  assertCan(actor, "post:moderate");
  const threadId = await threadOfPostOrThrow(db, postId);
  const { updated, seq, from } = await db.transaction(async (tx) => {
    const { seq } = await takeNextSeq(tx, threadId);
    const post = await lockComment(tx, postId);
    if (takeawayId) {
      const [target] = await tx
        .select({ id: posts.id })
        .from(posts)
        .where(
          and(
            eq(posts.id, takeawayId),
            eq(posts.threadId, post.threadId),
            eq(posts.kind, "takeaway"),
            // Sub-points are discussed with their takeaway.
            isNull(posts.parentId),
          ),
        );
      if (!target)
        throw new AppError("bad_request:move", "Ce point clé n’appartient pas à cette discussion.");
    }
    const replies = await subtree(tx, postId);
    // The moved comment starts its own conversation: depths, root and seq paths are re-based on it.
    const rebase = {
      takeawayId,
      rootId: postId,
      depth: sql`${posts.depth} - ${post.depth}`,
      path: sql`${posts.path}[${post.depth + 1}:]`,
    };
    if (replies.length) {
      await tx
        .update(posts)
        .set(rebase)
        .where(
          inArray(
            posts.id,
            replies.map((reply) => reply.id),
          ),
        );
    }
    const [after] = await tx
      .update(posts)
      .set({ ...rebase, parentId: null })
      .where(eq(posts.id, postId))
      .returning();
    if (post.parentId) {
      await tx
        .update(posts)
        .set({ replyCount: sql`greatest(${posts.replyCount} - 1, 0)` })
        .where(eq(posts.id, post.parentId));
    }
    if (post.takeawayId !== takeawayId) {
      const live = replies.filter((reply) => reply.live).length + (post.deletedAt ? 0 : 1);
      await shiftDiscussionCount(tx, threadId, post.takeawayId, -live);
      await shiftDiscussionCount(tx, threadId, takeawayId, live);
    }
    await appendThreadEvent(tx, {
      threadId,
      seq,
      type: "post_moved",
      postId,
      actorId: actor!.id,
      data: { from: post.takeawayId },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      action: "post.move",
      targetType: "post",
      targetId: postId,
      threadId: post.threadId,
      details: { from: post.takeawayId, to: takeawayId, replies: replies.length },
    });
    return { updated: after!, seq, from: post.takeawayId };
  });
  return publishModeration(db, updated, seq, { takeawayId: from });
}
