import { and, eq } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { reactions } from "../../db/schema/reactions";
import type { ReactionChange } from "../../db/schema/thread-events";
import type { Actor, MaybeActor } from "../auth/authorization";
import { AppError } from "../errors";
import { assertActorCan } from "../posts/access";
import type { SetStanceInput, ToggleReactionInput } from "../posts/schemas";
import { appendThreadEvent, takeNextSeq } from "../posts/thread-sequence";
import type { ReactionsChange } from "../posts/types";
import type { MyReactions } from "./kinds";
import { loadMyReactions, loadReactionSummary } from "./summaries";

export interface ReactionResult {
  postId: string;
  /** The viewer's own reactions on the post, after the change. */
  mine: MyReactions;
  /** The change to broadcast; null when nothing changed (e.g. the same stance again). */
  change: ReactionsChange | null;
  reactions: ReactionsChange["reactions"];
}

class Unchanged extends Error {}

interface Target {
  id: string;
  threadId: string;
  kind: "takeaway" | "comment";
}

/**
 * Runs a reaction change under the thread's lock, so it takes a seq like comments do and a
 * reconnecting client catches up on it too; the counts are read in the same transaction,
 * exactly as they stand at that seq.
 */
async function react(
  db: Database,
  actor: MaybeActor,
  postId: string,
  change: (tx: Transaction, member: Actor, target: Target) => Promise<ReactionChange | null>,
): Promise<ReactionResult> {
  assertActorCan(actor, "reaction:set");
  const [target] = await db
    .select({ id: posts.id, threadId: posts.threadId, kind: posts.kind })
    .from(posts)
    .where(eq(posts.id, postId))
    .limit(1);
  if (!target) throw new AppError("not_found:post", "Ce message n’existe pas ou plus.");
  try {
    return await db.transaction(async (tx) => {
      const thread = await takeNextSeq(tx, target.threadId);
      const member = assertActorCan(actor, "reaction:set", { threadLocked: thread.locked });
      const [state] = await tx
        .select({ deletedAt: posts.deletedAt, hiddenAt: posts.hiddenAt })
        .from(posts)
        .where(eq(posts.id, postId))
        .for("update");
      if (state?.deletedAt || state?.hiddenAt) {
        throw new AppError(
          "conflict:deleted",
          "Ce commentaire n’est plus visible\u202f: on ne peut plus y réagir.",
        );
      }
      const made = await change(tx, member, target);
      if (!made) throw new Unchanged();
      await appendThreadEvent(tx, {
        threadId: target.threadId,
        seq: thread.seq,
        type: "reactions_changed",
        postId,
        actorId: member.id,
        data: made,
      });
      const summary = await loadReactionSummary(tx, postId);
      const mine = (await loadMyReactions(tx, member.id, [postId]))[postId] ?? { emoji: [], stance: null };
      return {
        postId,
        mine,
        reactions: summary,
        change: {
          seq: thread.seq,
          type: "reactions:updated",
          threadId: target.threadId,
          postId,
          reactions: summary,
          change: { ...made, actorId: member.id },
        },
      };
    });
  } catch (error) {
    if (!(error instanceof Unchanged)) throw error;
    const summary = await loadReactionSummary(db, postId);
    const mine = (await loadMyReactions(db, actor?.id ?? null, [postId]))[postId] ?? {
      emoji: [],
      stance: null,
    };
    return { postId, mine, reactions: summary, change: null };
  }
}

/** Adds the member's emoji on a comment, or takes it back when already given. */
export async function toggleReaction(
  db: Database,
  actor: MaybeActor,
  input: ToggleReactionInput,
): Promise<ReactionResult> {
  return react(db, actor, input.postId, async (tx, member, target) => {
    if (target.kind !== "comment") {
      throw new AppError(
        "bad_request:reaction",
        "Les émojis se mettent sur les commentaires, pas sur les points clés.",
      );
    }
    const removed = await tx
      .delete(reactions)
      .where(
        and(
          eq(reactions.postId, target.id),
          eq(reactions.userId, member.id),
          eq(reactions.kind, "emoji"),
          eq(reactions.value, input.emoji),
        ),
      )
      .returning({ id: reactions.id });
    if (removed.length > 0) return { kind: "emoji", value: input.emoji, active: false };
    await tx
      .insert(reactions)
      .values({ postId: target.id, userId: member.id, kind: "emoji", value: input.emoji });
    return { kind: "emoji", value: input.emoji, active: true };
  });
}

/**
 * Sets, changes or (with null) removes the member's stance on a takeaway or a comment: one per
 * member and item, enforced by a unique index.
 */
export async function setStance(
  db: Database,
  actor: MaybeActor,
  input: SetStanceInput,
): Promise<ReactionResult> {
  return react(db, actor, input.postId, async (tx, member, target) => {
    const [previous] = await tx
      .delete(reactions)
      .where(
        and(eq(reactions.postId, target.id), eq(reactions.userId, member.id), eq(reactions.kind, "stance")),
      )
      .returning({ value: reactions.value });
    if (previous?.value === (input.stance ?? undefined)) throw new Unchanged();
    if (input.stance === null) {
      return previous ? { kind: "stance", value: previous.value, active: false } : null;
    }
    await tx
      .insert(reactions)
      .values({ postId: target.id, userId: member.id, kind: "stance", value: input.stance });
    return { kind: "stance", value: input.stance, active: true };
  });
}
