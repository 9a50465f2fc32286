import { describe, expect, it } from "vitest";
import { openSeededDiscussion } from "./seeded-discussion.fixture";
import { setStance, toggleReaction } from "../reactions/react";
import { catchUp } from "./catch-up";
import { createComment } from "./create-comment";
import { deleteComment, editComment } from "./edit-comment";
import { createCommentSchema } from "./schemas";
import { newClientId } from "./testing";
import type { ThreadChange } from "./types";

const context = openSeededDiscussion({ takeaways: 2 });

const input = (fields: { takeawayId?: string; parentId?: string; body?: string } = {}) =>
  createCommentSchema.parse({
    threadId: context.seeded.threadId,
    clientId: newClientId(),
    body: "Avis",
    ...fields,
  });

const summary = (change: ThreadChange) =>
  change.type === "reactions:updated"
    ? `${change.seq} ${change.type} ${change.postId}`
    : `${change.seq} ${change.type} ${change.post.id}`;

describe("catchUp", () => {
  it("replays every kind of change after a seq, in order, once, with the current state", async () => {
    const { alice, bob } = context.seeded.members;
    const start = (await catchUp(context.database.db, { threadId: context.seeded.threadId, afterSeq: 0 }))
      .upTo;
    expect(start).toBe(2); // the two imported takeaways, which have no events

    const broadcast: ThreadChange[] = [];
    const record = (change: ThreadChange | null) => change && broadcast.push(change);
    const first = await createComment(
      context.database.db,
      alice,
      input({ takeawayId: context.seeded.takeawayIds[0]!, body: "v1" }),
    );
    record(first.change);
    const reply = await createComment(context.database.db, bob, input({ parentId: first.post.id }));
    record(reply.change);
    record((await editComment(context.database.db, alice, { postId: first.post.id, body: "v2" })).change);
    record((await toggleReaction(context.database.db, bob, { postId: first.post.id, emoji: "👏" })).change);
    record(
      (
        await setStance(context.database.db, bob, {
          postId: context.seeded.takeawayIds[0]!,
          stance: "nuance",
        })
      ).change,
    );
    record((await deleteComment(context.database.db, bob, { postId: reply.post.id })).change);

    const result = await catchUp(context.database.db, { threadId: context.seeded.threadId, afterSeq: start });
    expect(result.hasMore).toBe(false);
    expect(result.upTo).toBe(start + 6);
    expect(result.changes.map(summary)).toEqual(broadcast.map(summary));
    expect(result.changes.map((change) => change.seq)).toEqual([3, 4, 5, 6, 7, 8]);
    // Each post change carries the post as it is now: the creation already shows the edit.
    const created = result.changes[0]!;
    expect(created.type === "post:created" && created.post.body).toBe("v2");
    const deleted = result.changes[5]!;
    expect(deleted.type === "post:deleted" && deleted.post.state).toBe("deleted");
    expect(deleted.type === "post:deleted" && deleted.counts).toEqual({ total: 1, discussion: 1 });
    const stance = result.changes[4]!;
    expect(stance.type === "reactions:updated" && stance.reactions.stance).toEqual({
      nuance: { count: 1, names: ["Bob"] },
    });
    expect(stance.type === "reactions:updated" && stance.change).toEqual({
      kind: "stance",
      value: "nuance",
      active: true,
      actorId: bob.id,
    });
  });

  it("pages with a cursor that resumes exactly where the previous page stopped", async () => {
    const after = (await catchUp(context.database.db, { threadId: context.seeded.threadId, afterSeq: 0 }))
      .upTo;
    for (let i = 0; i < 7; i++)
      await createComment(context.database.db, context.seeded.members.carol, input({ body: `n°${i}` }));
    const seen: number[] = [];
    let cursor = after;
    for (let guard = 0; guard < 10; guard++) {
      const page = await catchUp(context.database.db, {
        threadId: context.seeded.threadId,
        afterSeq: cursor,
        limit: 3,
      });
      seen.push(...page.changes.map((change) => change.seq));
      cursor = page.upTo;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, index) => after + 1 + index));
    expect(cursor).toBe(after + 7);
  });

  it("refuses an unknown thread", async () => {
    await expect(
      catchUp(context.database.db, { threadId: crypto.randomUUID(), afterSeq: 0 }),
    ).rejects.toMatchObject({
      code: "not_found:thread",
    });
  });
});
