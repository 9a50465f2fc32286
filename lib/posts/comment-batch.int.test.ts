import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema/posts";
import { threadEvents } from "../../db/schema/thread-events";
import { threads } from "../../db/schema/threads";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { Actor } from "../auth/authorization";
import { toggleReaction } from "../reactions/react";
import { readBatchState, writeBatch } from "./comment-batch-sql";
import { createComment } from "./create-comment";
import { deleteComment } from "./edit-comment";
import { createCommentSchema } from "./schemas";
import { newClientId, seedDiscussion, suspendMember, type SeededDiscussion } from "./testing";

/**
 * Comments that reach one thread together are committed in one transaction
 * (lib/posts/comment-batch.ts); each must still come out as if written alone.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const comment = (
  seeded: SeededDiscussion,
  fields: { body?: string; takeawayId?: string | null; parentId?: string; clientId?: string } = {},
) =>
  createCommentSchema.parse({
    threadId: seeded.threadId,
    clientId: newClientId(),
    body: "Un avis.",
    ...fields,
  });

async function counts(seeded: SeededDiscussion) {
  const [thread] = await database.db.select().from(threads).where(eq(threads.id, seeded.threadId));
  const takeaways = await database.db
    .select({ id: posts.id, count: posts.commentCount })
    .from(posts)
    .where(eq(posts.threadId, seeded.threadId))
    .orderBy(asc(posts.seq));
  return { thread: thread!, takeaways: new Map(takeaways.map((row) => [row.id, row.count])) };
}

describe("comments committed together", () => {
  it("give each comment its own seq, running counts and event, as if written one by one", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 2 });
    const { alice, bob, carol } = seeded.members;
    const [t1, t2] = seeded.takeawayIds as [string, string];
    const top = (await createComment(database.db, alice, comment(seeded, { takeawayId: t1 }))).post;
    const before = await counts(seeded);

    const writers: [Actor, ReturnType<typeof comment>][] = [
      [alice, comment(seeded, { takeawayId: t1 })],
      [bob, comment(seeded, { takeawayId: t2 })],
      [carol, comment(seeded)],
      [bob, comment(seeded, { parentId: top.id })],
      [carol, comment(seeded, { takeawayId: t1 })],
      [alice, comment(seeded)],
    ];
    const results = await Promise.all(
      writers.map(([author, input]) => createComment(database.db, author, input)),
    );

    const seqs = results.map((result) => result.post.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(
      Array.from({ length: writers.length }, (_, index) => before.thread.lastSeq + 1 + index),
    );
    // Totals count up one per comment, in seq order.
    const bySeq = [...results].sort((a, b) => a.post.seq - b.post.seq);
    expect(bySeq.map((result) => result.change!.counts.total)).toEqual(
      bySeq.map((_, index) => before.thread.commentCount + index + 1),
    );
    // Each discussion's count as it stood right after that comment.
    const discussionOf = (takeawayId: string | null) =>
      bySeq
        .filter((result) => result.post.takeawayId === takeawayId)
        .map((result) => result.change!.counts.discussion);
    expect(discussionOf(t1)).toEqual([2, 3, 4]); // the top comment, then its reply and two more
    expect(discussionOf(t2)).toEqual([1]);
    expect(discussionOf(null)).toEqual([1, 2]);

    const after = await counts(seeded);
    expect(after.thread).toMatchObject({
      lastSeq: before.thread.lastSeq + 6,
      commentCount: before.thread.commentCount + 6,
      generalCommentCount: before.thread.generalCommentCount + 2,
    });
    expect(after.takeaways.get(t1)).toBe(4);
    expect(after.takeaways.get(t2)).toBe(1);
    const [parent] = await database.db.select().from(posts).where(eq(posts.id, top.id));
    expect(parent?.replyCount).toBe(1);
    const events = await database.db
      .select({ seq: threadEvents.seq, postId: threadEvents.postId, type: threadEvents.type })
      .from(threadEvents)
      .where(eq(threadEvents.threadId, seeded.threadId));
    for (const result of results)
      expect(events).toContainEqual({ seq: result.post.seq, postId: result.post.id, type: "post_created" });
    // The view sent back is the stored comment.
    const reply = results[3]!.post;
    expect(reply).toMatchObject({
      parentId: top.id,
      rootId: top.id,
      depth: 1,
      takeawayId: t1,
      author: { id: bob.id },
    });
  });

  it("refuses the bad ones without failing or delaying the good ones, and leaves no hole in the seqs", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const other = await seedDiscussion(database.db, { takeaways: 1 });
    const { alice, bob, dave } = seeded.members;
    const doomed = (await createComment(database.db, alice, comment(seeded))).post;
    await deleteComment(database.db, alice, { postId: doomed.id });
    await suspendMember(database.db, dave.id);
    const before = await counts(seeded);

    const outcomes = await Promise.allSettled([
      createComment(database.db, alice, comment(seeded, { body: "Bon 1" })),
      createComment(database.db, bob, comment(seeded, { parentId: doomed.id })),
      createComment(database.db, dave, comment(seeded)),
      createComment(database.db, bob, comment(seeded, { takeawayId: other.takeawayIds[0]! })),
      createComment(database.db, bob, comment(seeded, { body: "Bon 2" })),
    ]);
    const codeOf = (outcome: PromiseSettledResult<unknown>) =>
      outcome.status === "rejected" ? (outcome.reason as { code: string }).code : "ok";
    expect(outcomes.map(codeOf)).toEqual([
      "ok",
      "conflict:deleted",
      "forbidden:suspended",
      "not_found:takeaway",
      "ok",
    ]);
    const after = await counts(seeded);
    expect(after.thread.lastSeq).toBe(before.thread.lastSeq + 2);
    expect(after.thread.commentCount).toBe(before.thread.commentCount + 2);
  });

  it("writes a message sent twice in one batch once, and answers both with it", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const input = comment(seeded, { body: "Deux fois d’un coup" });
    const before = await counts(seeded);
    const [first, second, elsewhere] = await Promise.allSettled([
      createComment(database.db, seeded.members.alice, input),
      createComment(database.db, seeded.members.alice, input),
      createComment(database.db, seeded.members.alice, { ...input, takeawayId: seeded.takeawayIds[0]! }),
    ]);
    expect(first.status === "fulfilled" && second.status === "fulfilled").toBe(true);
    if (first.status !== "fulfilled" || second.status !== "fulfilled") return;
    expect(second.value.post.id).toBe(first.value.post.id);
    expect([first.value.change === null, second.value.change === null].sort()).toEqual([false, true]);
    expect(elsewhere).toMatchObject({ status: "rejected", reason: { code: "conflict:client_id" } });
    expect((await counts(seeded)).thread.lastSeq).toBe(before.thread.lastSeq + 1);
  });

  it("checks the author as stored when the comment is written, not as the caller last saw them", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const stale: Actor = seeded.members.carol;
    await suspendMember(database.db, stale.id);
    await expect(createComment(database.db, stale, comment(seeded))).rejects.toMatchObject({
      code: "forbidden:suspended",
    });
    await expect(createComment(database.db, { id: "nobody" }, comment(seeded))).rejects.toMatchObject({
      code: "unauthorized:sign_in",
    });
  });

  it("stores every character as sent: quotes, backslashes, JSON lookalikes, emoji, line breaks", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const bodies = [
      'Il a dit "non" \\ puis {"a": [1, 2]} et \\u0041 — vraiment\u202f?',
      "Ligne 1\nLigne 2\t👍🏽 é à ç œ \u00a0fin",
      "<script>alert(1)</script> $1 ' ; drop table posts; --",
    ];
    const results = await Promise.all(
      bodies.map((body) => createComment(database.db, seeded.members.bob, comment(seeded, { body }))),
    );
    const stored = await database.db
      .select({ id: posts.id, body: posts.body })
      .from(posts)
      .where(eq(posts.threadId, seeded.threadId));
    for (const [index, result] of results.entries()) {
      expect(result.post.body).toBe(bodies[index]);
      expect(stored.find((row) => row.id === result.post.id)?.body).toBe(bodies[index]);
    }
  });

  it("writes nothing when the thread moved on since the batch was read, and says so", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const state = await readBatchState(database.db, seeded.threadId, [], []);
    // Another writer takes the next seq between this batch's read and its write.
    await createComment(database.db, seeded.members.bob, comment(seeded));
    const before = await counts(seeded);
    const id = crypto.randomUUID();
    const seq = state.thread!.lastSeq + 1;
    const written = await writeBatch(
      database.db,
      seeded.threadId,
      state.thread!,
      [
        {
          id,
          authorId: seeded.members.alice.id,
          takeawayId: null,
          parentId: null,
          rootId: id,
          depth: 0,
          path: [seq],
          body: "En retard",
          clientId: newClientId(),
          seq,
        },
      ],
      new Map(),
      new Map(),
    );
    expect(written).toBeNull();
    expect(await counts(seeded)).toEqual(before);
    expect(await database.db.select().from(posts).where(eq(posts.id, id))).toEqual([]);
  });

  it("keeps seqs whole and counts right while reactions change the thread under the batches", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const members = Object.values(seeded.members);
    const target = (await createComment(database.db, seeded.members.alice, comment(seeded))).post;
    const before = await counts(seeded);
    const writes = Array.from({ length: 30 }, (_, index) =>
      createComment(
        database.db,
        members[index % members.length]!,
        comment(seeded, { takeawayId: index % 2 ? null : seeded.takeawayIds[0]! }),
      ),
    );
    const reactions = Array.from({ length: 30 }, (_, index) =>
      toggleReaction(database.db, members[index % members.length]!, {
        postId: target.id,
        emoji: index % 3 ? "👍" : "🤔",
      }),
    );
    const results = await Promise.all(writes);
    await Promise.all(reactions);
    const after = await counts(seeded);
    expect(after.thread.commentCount).toBe(before.thread.commentCount + 30);
    expect(after.thread.generalCommentCount).toBe(before.thread.generalCommentCount + 15);
    expect(after.takeaways.get(seeded.takeawayIds[0]!)).toBe(
      (before.takeaways.get(seeded.takeawayIds[0]!) ?? 0) + 15,
    );
    // Every seq handed out has its event, with no hole: comments and reactions interleaved.
    const events = await database.db
      .select({ seq: threadEvents.seq })
      .from(threadEvents)
      .where(eq(threadEvents.threadId, seeded.threadId));
    const seqs = events.map((event) => Number(event.seq)).sort((a, b) => a - b);
    expect(seqs.at(-1)).toBe(after.thread.lastSeq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.filter((seq) => seq > before.thread.lastSeq)).toHaveLength(
      after.thread.lastSeq - before.thread.lastSeq,
    );
    expect(new Set(results.map((result) => result.post.seq)).size).toBe(30);
  });

  it("answers retries that race their original across consecutive batches with the original", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const members = Object.values(seeded.members);
    const inputs = Array.from({ length: 40 }, (_, index) =>
      comment(seeded, { takeawayId: index % 2 ? null : seeded.takeawayIds[0]! }),
    );
    const before = await counts(seeded);
    const originals: ReturnType<typeof createComment>[] = [];
    const retries: ReturnType<typeof createComment>[] = [];
    for (const [index, input] of inputs.entries()) {
      originals.push(createComment(database.db, members[index % members.length]!, input));
      // Each retry arrives a turn or two later, in whatever batch is forming then.
      await new Promise((resolve) => setImmediate(resolve));
      if (index >= 2)
        retries.push(createComment(database.db, members[(index - 2) % members.length]!, inputs[index - 2]!));
    }
    const written = await Promise.all(originals);
    const retried = await Promise.all(retries);
    retried.forEach((result, index) => expect(result.post.id).toBe(written[index]!.post.id));
    const after = await counts(seeded);
    expect(after.thread.commentCount).toBe(before.thread.commentCount + 40);
    expect(after.thread.lastSeq).toBe(before.thread.lastSeq + 40);
    expect(new Set(written.map((result) => result.post.seq)).size).toBe(40);
  });

  it("refuses every comment of a thread that does not exist", async () => {
    const seeded = await seedDiscussion(database.db, { takeaways: 1 });
    const input = { ...comment(seeded), threadId: crypto.randomUUID() };
    await expect(createComment(database.db, seeded.members.alice, input)).rejects.toMatchObject({
      code: "not_found:thread",
    });
  });
});
