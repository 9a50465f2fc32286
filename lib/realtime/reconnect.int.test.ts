import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createComment } from "../posts/create-comment";
import { editComment } from "../posts/edit-comment";
import { createCommentSchema } from "../posts/schemas";
import { newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import type { PostView, ThreadChange } from "../posts/types";
import { setStance, toggleReaction } from "../reactions/react";
import { createOutbox, outboxKey, type OutboxStorage } from "./outbox";
import { connectClient, connectedClient, startTestServer, waitFor, type TestServer } from "./testing";
import { startThreadSync, type ClientSocket } from "./thread-sync";

const generous = { comment: { capacity: 100, refillEveryMs: 1000 } };
let database: TestDatabase;
let server: TestServer;
let seeded: SeededDiscussion;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db);
  server = await startTestServer(database.db, { rateLimits: generous });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
  await database.close();
});

async function threadLastSeq(threadId = seeded.threadId): Promise<number> {
  const [row] = await database.db
    .select({ lastSeq: threads.lastSeq })
    .from(threads)
    .where(eq(threads.id, threadId));
  return row!.lastSeq;
}

const describeChange = (change: ThreadChange) =>
  `${change.seq}:${change.type}:${change.type === "reactions:updated" ? change.postId : change.post.id}`;

/** A reader whose page was rendered at the thread's current seq, syncing with `startThreadSync`. */
async function reader(url: string, userId: string | null) {
  const socket = connectClient(url, userId);
  sockets.push(socket);
  const applied: ThreadChange[] = [];
  const sync = startThreadSync({
    socket,
    threadId: seeded.threadId,
    lastSeq: await threadLastSeq(),
    apply: (change) => applied.push(change),
    gapTimeoutMs: 200,
  });
  await waitFor(() => socket.connected, { message: "the reader to connect" });
  return { socket, applied, sync };
}

/** Simulates the network going away: the transport closes without the client asking. */
async function dropConnection(socket: ClientSocket) {
  socket.io.reconnection(false);
  socket.io.engine.close();
  await waitFor(() => !socket.connected, { message: "the drop" });
}

async function reconnect(socket: ClientSocket) {
  socket.io.reconnection(true);
  socket.connect();
  await waitFor(() => socket.connected, { message: "the reconnection" });
}

const input = (fields: Record<string, unknown> = {}) =>
  createCommentSchema.parse({ threadId: seeded.threadId, clientId: newClientId(), body: "Avis", ...fields });

describe("a reader who drops and comes back", () => {
  it("gets every change made meanwhile exactly once, in order", async () => {
    const alice = await reader(server.url, seeded.members.alice.id);
    const bob = await connectedClient(server.url, seeded.members.bob.id);
    sockets.push(bob);
    const first = await bob.emitWithAck("post:create", { ...input(), body: "avant la coupure" });
    expect(first.ok).toBe(true);
    await waitFor(() => alice.applied.length === 1, { message: "the first comment" });

    await dropConnection(alice.socket);
    const written: PostView[] = [];
    for (let i = 0; i < 3; i++) {
      const ack = await bob.emitWithAck("post:create", {
        ...input({ takeawayId: seeded.takeawayIds[0] }),
        body: `pendant ${i}`,
      });
      if (!ack.ok) throw new Error(ack.error.message);
      written.push(ack.data);
    }
    await bob.emitWithAck("post:edit", { postId: written[0]!.id, body: "pendant 0, corrigé" });
    await bob.emitWithAck("reaction:toggle", { postId: first.ok ? first.data.id : "", emoji: "🤔" });
    await bob.emitWithAck("stance:set", { postId: seeded.takeawayIds[0]!, stance: "nuance" });
    await bob.emitWithAck("post:delete", { postId: written[1]!.id });
    const target = await threadLastSeq();

    await reconnect(alice.socket);
    await waitFor(() => alice.sync.lastSeq() === target, { message: "Alice to catch up" });
    // With the in-memory adapter Socket.IO replays the missed packets too; the catch-up from
    // the database returns the same changes, and neither shows twice.
    expect(alice.socket.recovered).toBe(true);
    const seqs = alice.applied.map((change) => change.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(alice.applied).toHaveLength(1 + 3 + 4);
    expect(alice.applied.map(describeChange).slice(1)).toEqual([
      `${written[0]!.seq}:post:created:${written[0]!.id}`,
      `${written[1]!.seq}:post:created:${written[1]!.id}`,
      `${written[2]!.seq}:post:created:${written[2]!.id}`,
      `${written[2]!.seq + 1}:post:edited:${written[0]!.id}`,
      `${written[2]!.seq + 2}:reactions:updated:${first.ok && first.data.id}`,
      `${written[2]!.seq + 3}:reactions:updated:${seeded.takeawayIds[0]}`,
      `${written[2]!.seq + 4}:post:deleted:${written[1]!.id}`,
    ]);

    // Live again afterwards.
    const after = await bob.emitWithAck("post:create", input({ body: "après" }));
    await waitFor(() => alice.applied.some((change) => "post" in change && change.post.body === "après"));
    expect(after.ok).toBe(true);
  });

  it("catches up from the database after a server restart, which Socket.IO cannot replay", async () => {
    const own = await startTestServer(database.db, { rateLimits: generous });
    const alice = await reader(own.url, seeded.members.alice.id);
    const statuses: string[] = [];
    alice.socket.on("disconnect", () => statuses.push("down"));
    const port = own.port;
    await own.close();
    await waitFor(() => statuses.includes("down"));

    // Written while no server runs (another instance, say), straight to the database.
    const { carol } = seeded.members;
    const written = [];
    for (let i = 0; i < 3; i++)
      written.push((await createComment(database.db, carol, input({ body: `hors ligne ${i}` }))).post);
    await editComment(database.db, carol, { postId: written[2]!.id, body: "hors ligne 2, revu" });
    await toggleReaction(database.db, seeded.members.dave, { postId: written[0]!.id, emoji: "❤️" });
    await setStance(database.db, carol, { postId: seeded.takeawayIds[1]!, stance: "agree" });
    const target = await threadLastSeq();

    const restarted = await startTestServer(database.db, { port, rateLimits: generous });
    try {
      await waitFor(() => alice.socket.connected, {
        timeoutMs: 10_000,
        message: "the reconnection to the new server",
      });
      await waitFor(() => alice.sync.lastSeq() === target, { message: "the catch-up" });
      expect(alice.applied.map((change) => change.seq)).toEqual([
        target - 5,
        target - 4,
        target - 3,
        target - 2,
        target - 1,
        target,
      ]);
      const edited = alice.applied[3]!;
      expect(edited.type === "post:edited" && edited.post.body).toBe("hors ligne 2, revu");
      expect(alice.socket.recovered).toBe(false);
    } finally {
      alice.socket.disconnect();
      await restarted.close();
    }
  });
});

describe("the offline queue", () => {
  const memoryStorage = (): OutboxStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, value) => void data.set(key, value),
    };
  };

  it("sends a comment written offline once the connection returns, once", async () => {
    const alice = await connectedClient(server.url, seeded.members.alice.id);
    sockets.push(alice);
    const storage = memoryStorage();
    const sent: PostView[] = [];
    const outbox = createOutbox({
      socket: alice,
      threadId: seeded.threadId,
      memberId: seeded.members.alice.id,
      storage,
      onSent: (_item, post) => sent.push(post),
    });
    await dropConnection(alice);
    const item = outbox.add({
      clientId: newClientId(),
      takeawayId: null,
      parentId: null,
      body: "écrit dans le tunnel",
    });
    expect(JSON.parse(storage.data.get(outboxKey(seeded.members.alice.id, seeded.threadId))!)).toHaveLength(
      1,
    );
    await reconnect(alice);
    await waitFor(() => sent.length === 1, { message: "the queued comment to be acknowledged" });
    expect(sent[0]).toMatchObject({ body: "écrit dans le tunnel", clientId: item.clientId });
    expect(outbox.items()).toEqual([]);
    expect(JSON.parse(storage.data.get(outboxKey(seeded.members.alice.id, seeded.threadId))!)).toEqual([]);
    outbox.stop();
  });

  it("retries after a lost acknowledgement with the same client id, and the server keeps one row", async () => {
    const bob = await connectedClient(server.url, seeded.members.bob.id);
    sockets.push(bob);
    const sent: PostView[] = [];
    // An acknowledgement that cannot arrive in time: the server commits, the client gives up waiting.
    const impatient = createOutbox({
      socket: bob,
      threadId: seeded.threadId,
      memberId: seeded.members.bob.id,
      storage: null,
      onSent: (_i, p) => sent.push(p),
      timeoutMs: 0,
    });
    const item = impatient.add({
      clientId: newClientId(),
      takeawayId: null,
      parentId: null,
      body: "accusé perdu",
    });
    const stored = async () => {
      const [row] = await database.db
        .select({ n: count() })
        .from(posts)
        .where(and(eq(posts.authorId, seeded.members.bob.id), eq(posts.clientId, item.clientId)));
      return row!.n;
    };
    await waitFor(async () => (await stored()) === 1, { message: "the first attempt to commit" });
    expect(impatient.items()).toHaveLength(1);
    impatient.stop();

    const patient = createOutbox({
      socket: bob,
      threadId: seeded.threadId,
      memberId: seeded.members.bob.id,
      storage: null,
      onSent: (_i, p) => sent.push(p),
    });
    patient.add({ clientId: item.clientId, takeawayId: null, parentId: null, body: item.body });
    await waitFor(() => sent.length === 1);
    expect(sent[0]!.clientId).toBe(item.clientId);
    expect(await stored()).toBe(1);
    patient.stop();
  });
});
