import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { getEnv } from "../env";
import { newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import type { PostChange, ReactionsChange } from "../posts/types";
import { createPostgresAdapter, createRedisStreamsAdapter, type RealtimeAdapter } from "./adapter";
import { threadRoom } from "./events";
import { connectedClient, startTestServer, waitFor, type TestServer } from "./testing";
import type { ClientSocket } from "./thread-sync";

const { DATABASE_URL, REDIS_URL } = getEnv();
if (!DATABASE_URL) {
  console.warn(
    "Skipping the two-instance tests: they need a PostgreSQL server shared by both instances. " +
      "Set DATABASE_URL (CI does), e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.",
  );
}

/**
 * Two Agora instances on two ports, one database, rooms shared through an adapter: what a
 * member writes on one instance reaches a reader connected to the other.
 */
function twoInstances(name: string, makeAdapter: (databaseUrl: string) => Promise<RealtimeAdapter>) {
  describe(`two instances sharing rooms through the ${name} adapter`, () => {
    let database: TestDatabase;
    let seeded: SeededDiscussion;
    const servers: TestServer[] = [];
    const adapters: RealtimeAdapter[] = [];
    const sockets: ClientSocket[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      seeded = await seedDiscussion(database.db);
      for (let i = 0; i < 2; i++) {
        const adapter = await makeAdapter(database.url!);
        adapters.push(adapter);
        servers.push(await startTestServer(database.db, { adapter }));
      }
    });
    afterAll(async () => {
      for (const socket of sockets) socket.disconnect();
      for (const server of servers) await server.close();
      for (const adapter of adapters) await adapter.close();
      await database.close();
    });

    it("brings a comment sent to one instance to a reader of the other, and reactions back", async () => {
      const [first, second] = servers as [TestServer, TestServer];
      expect(first.port).not.toBe(second.port);
      const alice = await connectedClient(first.url, seeded.members.alice.id);
      const bob = await connectedClient(second.url, seeded.members.bob.id);
      sockets.push(alice, bob);
      const room = threadRoom(seeded.threadId);
      expect(await alice.emitWithAck("thread:join", { threadId: seeded.threadId })).toMatchObject({
        ok: true,
      });
      expect(await bob.emitWithAck("thread:join", { threadId: seeded.threadId })).toMatchObject({ ok: true });
      // The adapters find each other through heartbeats: wait until the first instance sees Bob.
      await waitFor(async () => (await first.io.in(room).fetchSockets()).length === 2, {
        timeoutMs: 10_000,
        intervalMs: 100,
        message: "the instances to see each other's sockets",
      });

      const atBob: PostChange[] = [];
      bob.on("post:created", (change) => atBob.push(change));
      const ack = await alice.emitWithAck("post:create", {
        threadId: seeded.threadId,
        clientId: newClientId(),
        takeawayId: seeded.takeawayIds[0]!,
        // Big enough to travel through the adapter's attachments table rather than NOTIFY.
        body: `Par l’autre instance. ${"Long développement. ".repeat(300)}`,
      });
      if (!ack.ok) throw new Error(ack.error.message);
      await waitFor(() => atBob.length === 1, { message: "the comment to reach the other instance" });
      expect(atBob[0]).toMatchObject({ type: "post:created", seq: ack.data.seq, post: { id: ack.data.id } });

      const atAlice: ReactionsChange[] = [];
      alice.on("reactions:updated", (change) => atAlice.push(change));
      await bob.emitWithAck("reaction:toggle", { postId: ack.data.id, emoji: "👏" });
      await waitFor(() => atAlice.length === 1, { message: "the reaction to come back" });
      expect(atAlice[0]!.reactions.emoji["👏"]).toEqual({ count: 1, names: ["Bob"] });
    });
  });
}

if (DATABASE_URL) twoInstances("PostgreSQL", createPostgresAdapter);
else
  describe.skip("two instances (DATABASE_URL unset: see the warning above)", () =>
    it("needs PostgreSQL", () => {}));

// Redis is optional (REDIS_URL); CI runs the PostgreSQL variant.
if (DATABASE_URL && REDIS_URL) twoInstances("Redis Streams", () => createRedisStreamsAdapter(REDIS_URL));
