import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts, type Post } from "../../db/schema/posts";
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

async function lockComment(tx: Transaction, postId: string): Promise<Post> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for("update");
  if (!post || post.kind !== "comment") throw new AppError("not_found:post", "Ce commentaire n’existe pas.");
  return post;
}

async function moderatePost(
  db: Database,
  actor: Actor | null,
  postId: string,
  action: string,
  change: (post: Post) => Partial<Post>,
  reason: string | null,
  afterChange?: (tx: Transaction, before: Post, after: Post) => Promise<void>,
): Promise<PostModeration> {
  assertCan(actor, "post:moderate");
  const updated = await db.transaction(async (tx) => {
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
    return after!;
  });
  const moderation = postModeration(updated);
  publishToThread(updated.threadId, "post:moderated", moderation);
  return moderation;
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
    () => ({ hiddenAt: new Date(), hiddenReason: reason, hiddenById: actor!.id }),
    reason,
    async (tx, post) => {
      await notifyUsers(
        tx,
        [post.authorId],
        `Votre commentaire a été masqué par la modération : ${reason}`,
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
    () => ({ hiddenAt: null, hiddenReason: null, hiddenById: null }),
    reason ?? null,
  );
}

/** A moderators' pick: shown first under its takeaway, with a mark. */
export async function featurePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason } = parseInput(postTargetSchema, input);
  return moderatePost(db, actor, postId, "post.feature", () => ({ featuredAt: new Date() }), reason ?? null);
}

export async function unfeaturePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason } = parseInput(postTargetSchema, input);
  return moderatePost(db, actor, postId, "post.unfeature", () => ({ featuredAt: null }), reason ?? null);
}

/** Every reply below a comment, level by level. */
async function subtreeIds(tx: Transaction, rootId: string): Promise<string[]> {
  const ids: string[] = [];
  let frontier = [rootId];
  while (frontier.length) {
    const children = await tx.select({ id: posts.id }).from(posts).where(inArray(posts.parentId, frontier));
    frontier = children.map((child) => child.id);
    ids.push(...frontier);
  }
  return ids;
}

/**
 * Moves a comment with all its replies under another takeaway of the same thread (or to the
 * thread as a whole). A moved reply becomes a top-level comment there.
 */
export async function movePost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, takeawayId } = parseInput(movePostSchema, input);
  assertCan(actor, "post:moderate");
  const updated = await db.transaction(async (tx) => {
    const post = await lockComment(tx, postId);
    if (takeawayId) {
      const [target] = await tx
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.id, takeawayId), eq(posts.threadId, post.threadId), eq(posts.kind, "takeaway")));
      if (!target)
        throw new AppError("bad_request:move", "Ce point clé n’appartient pas à cette discussion.");
    }
    const replies = await subtreeIds(tx, postId);
    if (replies.length) {
      await tx
        .update(posts)
        .set({ takeawayId, depth: sql`${posts.depth} - ${post.depth}` })
        .where(inArray(posts.id, replies));
    }
    const [after] = await tx
      .update(posts)
      .set({ takeawayId, parentId: null, depth: 0 })
      .where(eq(posts.id, postId))
      .returning();
    await recordAudit(tx, {
      actorId: actor!.id,
      action: "post.move",
      targetType: "post",
      targetId: postId,
      threadId: post.threadId,
      details: { from: post.takeawayId, to: takeawayId, replies: replies.length },
    });
    return after!;
  });
  const moderation = postModeration(updated);
  publishToThread(updated.threadId, "post:moderated", moderation);
  return moderation;
}
