import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reactions } from "../../db/schema/reactions";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { createComment } from "../posts/create-comment";
import { deleteComment } from "../posts/edit-comment";
import { createCommentSchema } from "../posts/schemas";
import { openSeededDiscussion } from "../posts/seeded-discussion.fixture";
import { lockThread, newClientId, seedDiscussion } from "../posts/testing";
import { setStance, toggleReaction } from "./react";

const context = openSeededDiscussion();

async function newComment(author = context.seeded.members.alice) {
  const input = createCommentSchema.parse({
    threadId: context.seeded.threadId,
    clientId: newClientId(),
    body: "Avis",
  });
  return (await createComment(context.database.db, author, input)).post;
}

async function lastSeq() {
  const [row] = await context.database.db
    .select({ lastSeq: threads.lastSeq })
    .from(threads)
    .where(eq(threads.id, context.seeded.threadId));
  return row!.lastSeq;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("emoji reactions", () => {
  it("toggle on and off, with counts, names and the member's own, each change with a seq", async () => {
    const { alice, bob, carol } = context.seeded.members;
    const post = await newComment();
    const before = await lastSeq();
    const first = await toggleReaction(context.database.db, bob, { postId: post.id, emoji: "👍" });
    await toggleReaction(context.database.db, carol, { postId: post.id, emoji: "👍" });
    const third = await toggleReaction(context.database.db, alice, { postId: post.id, emoji: "🤔" });
    expect(first.mine).toEqual({ emoji: ["👍"], stance: null });
    expect(first.change).toMatchObject({
      seq: before + 1,
      type: "reactions:updated",
      postId: post.id,
      change: { kind: "emoji", value: "👍", active: true, actorId: bob.id },
    });
    expect(third.reactions.emoji).toEqual({
      "👍": { count: 2, names: ["Carol", "Bob"] },
      "🤔": { count: 1, names: ["Alice"] },
    });
    const off = await toggleReaction(context.database.db, bob, { postId: post.id, emoji: "👍" });
    expect(off.mine.emoji).toEqual([]);
    expect(off.reactions.emoji["👍"]).toEqual({ count: 1, names: ["Carol"] });
    expect(off.change).toMatchObject({ seq: before + 4, change: { active: false } });
  });

  it("are for comments only, visible ones, by signed-in members of an open thread", async () => {
    const { alice, bob } = context.seeded.members;
    expect(
      (
        await refusal(
          toggleReaction(context.database.db, bob, { postId: context.seeded.takeawayIds[0]!, emoji: "👍" }),
        )
      ).code,
    ).toBe("bad_request:reaction");
    expect(
      (
        await refusal(
          toggleReaction(context.database.db, null, { postId: context.seeded.takeawayIds[0]!, emoji: "👍" }),
        )
      ).code,
    ).toBe("unauthorized:sign_in");
    const post = await newComment(alice);
    await deleteComment(context.database.db, alice, { postId: post.id });
    expect(
      (await refusal(toggleReaction(context.database.db, bob, { postId: post.id, emoji: "👏" }))).code,
    ).toBe("conflict:deleted");
    expect(
      (await refusal(toggleReaction(context.database.db, bob, { postId: crypto.randomUUID(), emoji: "👏" })))
        .code,
    ).toBe("not_found:post");
  });
});

describe("stances", () => {
  it("keep one per member and item: set, change, remove", async () => {
    const { bob, carol } = context.seeded.members;
    const takeawayId = context.seeded.takeawayIds[0]!;
    const set = await setStance(context.database.db, bob, { postId: takeawayId, stance: "agree" });
    expect(set.mine.stance).toBe("agree");
    await setStance(context.database.db, carol, { postId: takeawayId, stance: "nuance" });
    const changed = await setStance(context.database.db, bob, { postId: takeawayId, stance: "disagree" });
    expect(changed.reactions.stance).toEqual({
      disagree: { count: 1, names: ["Bob"] },
      nuance: { count: 1, names: ["Carol"] },
    });
    expect(changed.change?.change).toMatchObject({ kind: "stance", value: "disagree", active: true });
    const [rows] = await context.database.db
      .select({ n: count() })
      .from(reactions)
      .where(and(eq(reactions.postId, takeawayId), eq(reactions.userId, bob.id)));
    expect(rows?.n).toBe(1);

    const removed = await setStance(context.database.db, bob, { postId: takeawayId, stance: null });
    expect(removed.mine.stance).toBeNull();
    expect(removed.change?.change).toMatchObject({ kind: "stance", value: "disagree", active: false });
    expect(removed.reactions.stance).toEqual({ nuance: { count: 1, names: ["Carol"] } });
  });

  it("change nothing, and take no seq, when set to what they already are", async () => {
    const { dave } = context.seeded.members;
    const post = await newComment();
    await setStance(context.database.db, dave, { postId: post.id, stance: "agree" });
    const before = await lastSeq();
    const again = await setStance(context.database.db, dave, { postId: post.id, stance: "agree" });
    expect(again.change).toBeNull();
    expect(again.mine.stance).toBe("agree");
    const none = await setStance(context.database.db, context.seeded.members.carol, {
      postId: post.id,
      stance: null,
    });
    expect(none.change).toBeNull();
    expect(await lastSeq()).toBe(before);
  });

  it("are refused in a locked thread", async () => {
    const locked = await seedDiscussion(context.database.db, { takeaways: 1 });
    await lockThread(context.database.db, locked.threadId);
    const error = await refusal(
      setStance(context.database.db, locked.members.bob, { postId: locked.takeawayIds[0]!, stance: "agree" }),
    );
    expect(error).toMatchObject({
      code: "forbidden:thread_locked",
      message: "Cette discussion est verrouillée.",
    });
  });
});
