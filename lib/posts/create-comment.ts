import { and, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import type { Actor, MaybeActor } from "../auth/authorization";
import { AppError } from "../errors";
import { assertActorCan } from "./access";
import { maxReplyDepth } from "./limits";
import { selectPostRows, toPostView, toPostViews, type PostRow } from "./post-views";
import type { CreateCommentInput } from "./schemas";
import { appendThreadEvent, moveCommentCounts, takeNextSeq } from "./thread-sequence";
import type { PostChange, PostView } from "./types";

/** A write's outcome: the comment as it now is, and the change to broadcast (null: nothing changed). */
export interface CommentResult {
  post: PostView;
  change: PostChange | null;
}

export interface CreateCommentOptions {
  /**
   * Runs before a new comment is written (never for a retry of one already stored), e.g. a
   * rate limit: a member whose retry arrives after a burst still gets their comment back.
   */
  admit?: (author: Actor) => void;
}

/** Thrown inside the transaction when a concurrent retry won the insert; rolls back our seq. */
class ClientIdTaken extends Error {}

export async function findCommentByClientId(
  db: Database | Transaction,
  authorId: string,
  clientId: string,
): Promise<PostRow | undefined> {
  const [row] = await selectPostRows(db)
    .where(and(eq(posts.authorId, authorId), eq(posts.clientId, clientId)))
    .limit(1);
  return row;
}

/** A retry must be the same message: same thread and same place in it. */
function assertSamePlacement(row: PostRow, input: CreateCommentInput) {
  const samePlace = input.parentId
    ? row.parentId === input.parentId
    : row.parentId === null && row.takeawayId === (input.takeawayId ?? null);
  if (row.threadId !== input.threadId || !samePlace) {
    throw new AppError(
      "conflict:client_id",
      "Cet identifiant de message a déjà servi pour un autre commentaire.",
    );
  }
}

async function existingResult(db: Database, row: PostRow, input: CreateCommentInput): Promise<CommentResult> {
  assertSamePlacement(row, input);
  const [post] = await toPostViews(db, [row]);
  return { post: post!, change: null };
}

interface Placement {
  takeawayId: string | null;
  parentId: string | null;
  rootId: string | null;
  depth: number;
  path: number[];
}

async function resolvePlacement(tx: Transaction, input: CreateCommentInput): Promise<Placement> {
  if (input.parentId) {
    const [parent] = await tx
      .select({
        threadId: posts.threadId,
        kind: posts.kind,
        takeawayId: posts.takeawayId,
        rootId: posts.rootId,
        depth: posts.depth,
        path: posts.path,
        deletedAt: posts.deletedAt,
      })
      .from(posts)
      .where(eq(posts.id, input.parentId))
      .for("update");
    if (!parent || parent.threadId !== input.threadId || parent.kind !== "comment") {
      throw new AppError("not_found:post", "Le commentaire auquel vous répondez n’existe pas ou plus.");
    }
    if (parent.deletedAt) {
      throw new AppError(
        "conflict:deleted",
        "Ce commentaire a été supprimé\u202f: on ne peut plus y répondre.",
      );
    }
    if (parent.depth + 1 > maxReplyDepth) {
      throw new AppError(
        "bad_request:depth",
        "Cette conversation est trop profonde\u202f: répondez plus haut dans le fil.",
      );
    }
    return {
      takeawayId: parent.takeawayId,
      parentId: input.parentId,
      rootId: parent.rootId,
      depth: parent.depth + 1,
      path: parent.path.map(Number),
    };
  }
  if (input.takeawayId) {
    const [takeaway] = await tx
      .select({ id: posts.id, parentId: posts.parentId })
      .from(posts)
      .where(
        and(eq(posts.id, input.takeawayId), eq(posts.threadId, input.threadId), eq(posts.kind, "takeaway")),
      )
      .limit(1);
    if (!takeaway) {
      throw new AppError("not_found:takeaway", "Ce point clé n’existe pas dans cette discussion.");
    }
    // Each takeaway block has one discussion; its sub-points are discussed there.
    if (takeaway.parentId) {
      throw new AppError("bad_request:sub_point", "Les sous-points se discutent avec leur point clé.");
    }
  }
  return { takeawayId: input.takeawayId ?? null, parentId: null, rootId: null, depth: 0, path: [] };
}

/**
 * Writes a comment on the thread, on a takeaway, or in reply to a comment. Idempotent on the
 * author's client id: a retry (after a timeout, a reconnect, a reload) returns the comment
 * the first attempt created, never a second one. Resolves only after the commit, so an
 * acknowledgement always means the comment is stored.
 */
export async function createComment(
  db: Database,
  actor: MaybeActor,
  input: CreateCommentInput,
  options: CreateCommentOptions = {},
): Promise<CommentResult> {
  const author = assertActorCan(actor, "post:create");
  const existing = await findCommentByClientId(db, author.id, input.clientId);
  if (existing) return existingResult(db, existing, input);
  options.admit?.(author);

  try {
    return await db.transaction(async (tx) => {
      const thread = await takeNextSeq(tx, input.threadId);
      assertActorCan(author, "post:create", { threadLocked: thread.locked });
      const placement = await resolvePlacement(tx, input);
      const id = crypto.randomUUID();
      const [inserted] = await tx
        .insert(posts)
        .values({
          id,
          threadId: input.threadId,
          authorId: author.id,
          kind: "comment",
          takeawayId: placement.takeawayId,
          parentId: placement.parentId,
          rootId: placement.rootId ?? id,
          depth: placement.depth,
          path: [...placement.path, thread.seq],
          body: input.body,
          clientId: input.clientId,
          seq: thread.seq,
        })
        .onConflictDoNothing({ target: [posts.authorId, posts.clientId], where: sql`client_id is not null` })
        .returning({ id: posts.id });
      if (!inserted) throw new ClientIdTaken();

      if (placement.parentId) {
        await tx
          .update(posts)
          .set({ replyCount: sql`${posts.replyCount} + 1` })
          .where(eq(posts.id, placement.parentId));
      }
      const counts = await moveCommentCounts(tx, input.threadId, placement.takeawayId, 1);
      await appendThreadEvent(tx, {
        threadId: input.threadId,
        seq: thread.seq,
        type: "post_created",
        postId: id,
        actorId: author.id,
      });
      const [row] = await selectPostRows(tx).where(eq(posts.id, id));
      const post = toPostView(row!);
      return { post, change: { seq: thread.seq, type: "post:created", post, counts } };
    });
  } catch (error) {
    if (!(error instanceof ClientIdTaken)) throw error;
    const winner = await findCommentByClientId(db, author.id, input.clientId);
    if (!winner)
      throw new AppError("internal:client_id", "Le commentaire n’a pas pu être enregistré.", {
        cause: error,
      });
    return existingResult(db, winner, input);
  }
}
