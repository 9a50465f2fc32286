import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { posts } from "../../db/schema/posts";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import {
  lockThread,
  newClientId,
  seedDiscussion,
  suspendMember,
  type SeededDiscussion,
} from "../posts/testing";
import type { PostChange, PostView, ReactionsChange } from "../posts/types";
import type { TypingUpdate } from "./discussion-events";
import { connectedClient, startTestServer, waitFor, type TestServer } from "./testing";
import type { ClientSocket } from "./thread-sync";

let database: TestDatabase;
let server: TestServer;
let seeded: SeededDiscussion;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db);
  server = await startTestServer(database.db, {
    rateLimits: { comment: { capacity: 30, refillEveryMs: 60_000 } },
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
  await database.close();
});

async function member(userId: string | null, threadId = seeded.threadId): Promise<ClientSocket> {
  const socket = await connectedClient(server.url, userId);
  sockets.push(socket);
  const joined = await socket.emitWithAck("thread:join", { threadId });
  expect(joined.ok).toBe(true);
  return socket;
}

function collect<T>(
  socket: ClientSocket,
  event: "post:created" | "post:edited" | "post:deleted" | "reactions:updated" | "typing:updated",
): T[] {
  const received: T[] = [];
  (socket as unknown as { on: (event: string, listener: (payload: T) => void) => void }).on(
    event,
    (payload) => received.push(payload),
  );
  return received;
}

const comment = (fields: Record<string, unknown> = {}) => ({
  threadId: seeded.threadId,
  clientId: newClientId(),
  body: "Un avis",
  ...fields,
});

async function post(socket: ClientSocket, fields: Record<string, unknown> = {}): Promise<PostView> {
  const ack = await socket.emitWithAck("post:create", comment(fields));
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
}

describe("post:create", () => {
  it("acknowledges the stored comment and brings it to the other readers in order", async () => {
    const alice = await member(seeded.members.alice.id);
    const bob = await member(seeded.members.bob.id);
    const received = collect<PostChange>(bob, "post:created");
    const sent: PostView[] = [];
    for (let i = 0; i < 5; i++) {
      sent.push(await post(alice, { takeawayId: seeded.takeawayIds[0], body: `n°${i}` }));
    }
    await waitFor(() => received.length === 5, { message: "five comments at Bob's" });
    expect(received.map((change) => change.post.id)).toEqual(sent.map((comment) => comment.id));
    expect(received.map((change) => change.seq)).toEqual(sent.map((comment) => comment.seq));
    expect(received[4]).toMatchObject({ type: "post:created", counts: { discussion: 5 } });
    const [row] = await database.db.select({ body: posts.body }).from(posts).where(eq(posts.id, sent[0]!.id));
    expect(row?.body).toBe("n°0");
  });

  it("stores one comment when the same client id is sent twice, even at once", async () => {
    const alice = await member(seeded.members.alice.id);
    const bob = await member(seeded.members.bob.id);
    const received = collect<PostChange>(bob, "post:created");
    const payload = comment({ body: "Une seule fois" });
    const [first, second] = await Promise.all([
      alice.emitWithAck("post:create", payload),
      alice.emitWithAck("post:create", payload),
    ]);
    const third = await alice.emitWithAck("post:create", payload);
    expect(first.ok && second.ok && third.ok).toBe(true);
    const ids = [first, second, third].map((ack) => ack.ok && ack.data.id);
    expect(new Set(ids).size).toBe(1);
    const [rows] = await database.db
      .select({ n: count() })
      .from(posts)
      .where(and(eq(posts.authorId, seeded.members.alice.id), eq(posts.clientId, payload.clientId)));
    expect(rows?.n).toBe(1);
    // Exactly one broadcast: wait for a later comment, then count.
    const marker = await post(alice, { body: "repère" });
    await waitFor(() => received.some((change) => change.post.id === marker.id));
    expect(received.filter((change) => change.post.clientId === payload.clientId)).toHaveLength(1);
  });
});

describe("edits, deletions, reactions and stances", () => {
  it("reach the other readers with their seq", async () => {
    const alice = await member(seeded.members.alice.id);
    const bob = await member(seeded.members.bob.id);
    const edited = collect<PostChange>(bob, "post:edited");
    const deleted = collect<PostChange>(bob, "post:deleted");
    const reacted = collect<ReactionsChange>(alice, "reactions:updated");

    const mine = await post(alice, { body: "Avant" });
    const edit = await alice.emitWithAck("post:edit", { postId: mine.id, body: "Après" });
    expect(edit).toMatchObject({ ok: true, data: { body: "Après", html: "<p>Après</p>" } });
    await waitFor(() => edited.length === 1);
    expect(edited[0]).toMatchObject({ type: "post:edited", post: { id: mine.id, body: "Après" } });

    const like = await bob.emitWithAck("reaction:toggle", { postId: mine.id, emoji: "👏" });
    expect(like).toMatchObject({
      ok: true,
      data: { mine: { emoji: ["👏"] }, reactions: { emoji: { "👏": { count: 1 } } } },
    });
    const stance = await bob.emitWithAck("stance:set", {
      postId: seeded.takeawayIds[1]!,
      stance: "disagree",
    });
    expect(stance).toMatchObject({ ok: true, data: { mine: { stance: "disagree" } } });
    await waitFor(() => reacted.length === 2);
    expect(reacted.map((change) => [change.postId, change.change?.value])).toEqual([
      [mine.id, "👏"],
      [seeded.takeawayIds[1], "disagree"],
    ]);
    expect(reacted[1]!.reactions.stance).toEqual({ disagree: { count: 1, names: ["Bob"] } });

    const removal = await alice.emitWithAck("post:delete", { postId: mine.id });
    expect(removal).toMatchObject({ ok: true, data: { state: "deleted", body: "" } });
    await waitFor(() => deleted.length === 1);
    expect(deleted[0]!.seq).toBeGreaterThan(reacted[1]!.seq);
  });
});

describe("bad and unauthorized events", () => {
  it("answer malformed payloads with an error naming the problem, and the server stays up", async () => {
    const alice = await member(seeded.members.alice.id);
    const raw = alice as unknown as { emitWithAck: (event: string, payload: unknown) => Promise<unknown> };
    for (const payload of [
      42,
      null,
      "texte",
      { threadId: "x" },
      comment({ body: "" }),
      comment({ clientId: "court" }),
    ]) {
      expect(await raw.emitWithAck("post:create", payload)).toMatchObject({
        ok: false,
        error: { code: "bad_request:event" },
      });
    }
    expect(await raw.emitWithAck("post:create", comment({ body: "  " }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("Votre commentaire est vide.") },
    });
    expect(await raw.emitWithAck("post:create", comment({ body: "x".repeat(10_001) }))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("la limite est de 10\u202f000") },
    });
    expect(
      await raw.emitWithAck("reaction:toggle", { postId: seeded.takeawayIds[0], emoji: "💩" }),
    ).toMatchObject({
      ok: false,
      error: { code: "bad_request:event" },
    });
    expect(
      await raw.emitWithAck("thread:catch-up", { threadId: seeded.threadId, afterSeq: -1 }),
    ).toMatchObject({
      ok: false,
    });
    expect(await post(alice, { body: "toujours là" })).toMatchObject({ body: "toujours là" });
  });

  it("refuse guests, other members' comments, suspended members and locked threads, with the reason", async () => {
    const guest = await member(null);
    expect(await guest.emitWithAck("post:create", comment())).toMatchObject({
      ok: false,
      error: { code: "unauthorized:sign_in", message: "Connectez-vous pour participer." },
    });
    expect(
      await guest.emitWithAck("stance:set", { postId: seeded.takeawayIds[0]!, stance: "agree" }),
    ).toMatchObject({
      ok: false,
      error: { code: "unauthorized:sign_in" },
    });

    const alice = await member(seeded.members.alice.id);
    const carol = await member(seeded.members.carol.id);
    const hers = await post(alice);
    expect(await carol.emitWithAck("post:edit", { postId: hers.id, body: "usurpé" })).toMatchObject({
      ok: false,
      error: { code: "forbidden:not_author" },
    });

    const locked = await seedDiscussion(database.db, { takeaways: 1 });
    await lockThread(database.db, locked.threadId);
    const inLocked = await member(locked.members.alice.id, locked.threadId);
    expect(
      await inLocked.emitWithAck("post:create", {
        threadId: locked.threadId,
        clientId: newClientId(),
        body: "x",
      }),
    ).toMatchObject({
      ok: false,
      error: { code: "forbidden:thread_locked", message: "Cette discussion est verrouillée." },
    });

    // Suspended after connecting: the very next event is refused.
    const dave = await member(seeded.members.dave.id);
    expect(await dave.emitWithAck("post:create", comment())).toMatchObject({ ok: true });
    await suspendMember(database.db, seeded.members.dave.id);
    expect(await dave.emitWithAck("post:create", comment())).toMatchObject({
      ok: false,
      error: {
        code: "forbidden:suspended",
        message: expect.stringMatching(/^Votre compte est suspendu/),
      },
    });
  });
});

describe("comments queued on a shared browser", () => {
  it("refuses a queued comment written by another member, and stores nothing", async () => {
    const carol = await member(seeded.members.carol.id);
    const written = comment({ authorId: seeded.members.alice.id, body: "Écrit par Alice hors ligne" });
    expect(await carol.emitWithAck("post:create", written)).toMatchObject({
      ok: false,
      error: {
        code: "forbidden:other_author",
        message: expect.stringMatching(/^Ce commentaire a été écrit par un autre membre/),
      },
    });
    const [stored] = await database.db
      .select({ n: count() })
      .from(posts)
      .where(eq(posts.clientId, written.clientId as string));
    expect(stored?.n).toBe(0);
    expect(
      await carol.emitWithAck("post:create", comment({ authorId: seeded.members.carol.id })),
    ).toMatchObject({ ok: true, data: { author: { id: seeded.members.carol.id } } });
  });
});

describe("rate limits", () => {
  it("refuse a burst of comments with a French message, but still answer a retry of a stored one", async () => {
    const limited = await startTestServer(database.db, {
      rateLimits: { comment: { capacity: 2, refillEveryMs: 60_000 } },
    });
    try {
      const socket = await connectedClient(limited.url, seeded.members.carol.id);
      sockets.push(socket);
      const first = comment();
      expect((await socket.emitWithAck("post:create", first)).ok).toBe(true);
      expect((await socket.emitWithAck("post:create", comment())).ok).toBe(true);
      const refused = await socket.emitWithAck("post:create", comment());
      expect(refused).toMatchObject({
        ok: false,
        error: { code: "rate_limited:comment", details: { retryAfterMs: expect.any(Number) } },
      });
      expect(!refused.ok && refused.error.message).toMatch(
        /^Vous écrivez trop vite\u202f: réessayez dans \d+\u00a0(secondes?|min)\.$/,
      );
      expect((await socket.emitWithAck("post:create", first)).ok).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it("keep a member's comment budget across a restart and across instances, from what is stored", async () => {
    // A burst of 2, one more a minute: at most 3 comments in any minute, wherever they land.
    const rateLimits = { comment: { capacity: 2, refillEveryMs: 60_000 } };
    const before = await startTestServer(database.db, { rateLimits });
    const erin = randomUUID();
    await database.db.insert(users).values({ id: erin, name: "Erin", email: `${erin}@agora.test` });
    try {
      const socket = await connectedClient(before.url, erin);
      sockets.push(socket);
      expect((await socket.emitWithAck("post:create", comment())).ok).toBe(true);
      expect((await socket.emitWithAck("post:create", comment())).ok).toBe(true);
    } finally {
      await before.close();
    }
    // A fresh process (a crash, a deploy, another instance) starts with full buckets in memory.
    const after = await startTestServer(database.db, { rateLimits });
    try {
      const socket = await connectedClient(after.url, erin);
      sockets.push(socket);
      expect((await socket.emitWithAck("post:create", comment())).ok).toBe(true);
      const refused = await socket.emitWithAck("post:create", comment());
      expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited:comment" } });
    } finally {
      await after.close();
    }
  });
});

describe("rate limits on reactions and edits", () => {
  it("keep a member's budget across a restart, counted in the database", async () => {
    const rateLimits = { reaction: { capacity: 2, refillEveryMs: 60_000 } };
    const target = await (await member(seeded.members.alice.id)).emitWithAck("post:create", comment());
    if (!target.ok) throw new Error(target.error.message);
    const frank = randomUUID();
    await database.db.insert(users).values({ id: frank, name: "Frank", email: `${frank}@agora.test` });
    const react = async (server: TestServer) => {
      const socket = await connectedClient(server.url, frank);
      sockets.push(socket);
      return socket.emitWithAck("reaction:toggle", { postId: target.data.id, emoji: "👏" });
    };
    const before = await startTestServer(database.db, { rateLimits });
    try {
      expect((await react(before)).ok).toBe(true);
      expect((await react(before)).ok).toBe(true);
    } finally {
      await before.close();
    }
    const after = await startTestServer(database.db, { rateLimits });
    try {
      expect((await react(after)).ok).toBe(true);
      expect(await react(after)).toMatchObject({ ok: false, error: { code: "rate_limited:reaction" } });
    } finally {
      await after.close();
    }
  });
});

describe("typing", () => {
  it("tells the others who is typing where, and that they stopped (also when they leave)", async () => {
    const alice = await member(seeded.members.alice.id);
    const bob = await member(seeded.members.bob.id);
    const updates = collect<TypingUpdate>(bob, "typing:updated");
    const where = { threadId: seeded.threadId, takeawayId: seeded.takeawayIds[2]! };
    expect(await alice.emitWithAck("typing:start", where)).toEqual({ ok: true, data: null });
    await waitFor(() => updates.length === 1);
    expect(updates[0]).toEqual({
      ...where,
      user: { id: seeded.members.alice.id, name: "Alice" },
      typing: true,
    });
    await alice.emitWithAck("typing:stop", where);
    await waitFor(() => updates.length === 2);
    expect(updates[1]).toMatchObject({ typing: false });

    await alice.emitWithAck("typing:start", where);
    await waitFor(() => updates.length === 3);
    alice.disconnect();
    await waitFor(() => updates.length === 4);
    expect(updates[3]).toMatchObject({ typing: false, user: { name: "Alice" } });

    const guest = await member(null);
    expect(await guest.emitWithAck("typing:start", where)).toMatchObject({
      ok: false,
      error: { code: "unauthorized:sign_in" },
    });
  });
});
