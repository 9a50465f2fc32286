import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { getEnv } from "../env";
import { newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import type { PostChange } from "../posts/types";
import { createPostgresAdapter, type RealtimeAdapter } from "./adapter";
import { threadRoom } from "./events";
import { connectedClient, startTestServer, waitFor, type TestServer } from "./testing";
import type { ClientSocket } from "./thread-sync";

const { DATABASE_URL } = getEnv();

/**
 * The PostgreSQL adapter's LISTEN connection is one long-lived client: when the database drops
 * it (a restart, a failover, pg_terminate_backend), instances must find each other again by
 * themselves. Before the fix, the dropped client threw an unhandled 'error' and stayed checked
 * out of its pool forever, so a few blips left no LISTEN connection at all.
 */
describe.skipIf(!DATABASE_URL)("two instances after the database drops the adapter's connections", () => {
  let database: TestDatabase;
  let seeded: SeededDiscussion;
  let admin: postgres.Sql;
  let databaseName: string;
  const servers: TestServer[] = [];
  const adapters: RealtimeAdapter[] = [];
  const sockets: ClientSocket[] = [];

  const listeners = async () => {
    const [row] = await admin<{ count: number }[]>`
      select count(*)::int as count from pg_stat_activity
      where datname = ${databaseName} and query ilike 'LISTEN%'`;
    return row!.count;
  };

  /** Every connection of the adapters to this database cut, as a failover does. */
  const cutAdapterConnections = async () => {
    await admin`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${databaseName} and application_name = 'agora-socket.io'`;
  };

  /** The whole database unreachable for 3 s: nobody may connect, every connection cut. */
  const databaseOutage = async () => {
    await admin.unsafe(`alter database "${databaseName}" allow_connections false`);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${databaseName}`;
    setTimeout(
      () =>
        void admin
          .unsafe(`alter database "${databaseName}" allow_connections true`)
          .catch((error: unknown) => console.error("re-allowing failed", error)),
      3_000,
    );
  };

  const crosses = async (alice: ClientSocket, received: PostChange[], body: string) => {
    const before = received.length;
    const ack = await alice.emitWithAck("post:create", {
      threadId: seeded.threadId,
      clientId: newClientId(),
      takeawayId: seeded.takeawayIds[0]!,
      body,
    });
    if (!ack.ok) throw new Error(ack.error.message);
    await waitFor(() => received.length > before, {
      timeoutMs: 10_000,
      message: `« ${body} » to reach the other instance`,
    });
    expect(received.at(-1)).toMatchObject({ post: { id: ack.data.id } });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    databaseName = new URL(database.url!).pathname.slice(1);
    admin = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} });
    seeded = await seedDiscussion(database.db);
    for (let i = 0; i < 2; i++) {
      const adapter = await createPostgresAdapter(database.url!);
      adapters.push(adapter);
      servers.push(await startTestServer(database.db, { adapter }));
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const server of servers) await server.close();
    for (const adapter of adapters) await adapter.close();
    await admin?.end();
    await database?.close();
  });

  it("listens again and delivers across instances after every cut, and says so in its health", async () => {
    const [first, second] = servers as [TestServer, TestServer];
    const alice = await connectedClient(first.url, seeded.members.alice.id);
    const bob = await connectedClient(second.url, seeded.members.bob.id);
    sockets.push(alice, bob);
    await alice.emitWithAck("thread:join", { threadId: seeded.threadId });
    await bob.emitWithAck("thread:join", { threadId: seeded.threadId });
    const room = threadRoom(seeded.threadId);
    await waitFor(async () => (await first.io.in(room).fetchSockets()).length === 2, {
      timeoutMs: 10_000,
      message: "the instances to see each other's sockets",
    });
    const atBob: PostChange[] = [];
    bob.on("post:created", (change) => atBob.push(change));
    let resyncsAtBob = 0;
    bob.on("realtime:resync", () => (resyncsAtBob += 1));
    await crosses(alice, atBob, "Avant la coupure.");

    // Three cuts: one leaked connection per cut used to exhaust the adapter's pool.
    const cuts = [cutAdapterConnections, cutAdapterConnections, databaseOutage];
    for (const [index, cutConnections] of cuts.entries()) {
      const cut = index + 1;
      await cutConnections();
      await waitFor(() => adapters.every((adapter) => adapter.health().connected === false), {
        timeoutMs: 5_000,
        message: "both adapters to notice they lost their LISTEN connection",
      });
      await waitFor(async () => (await listeners()) === 2, {
        timeoutMs: 15_000,
        intervalMs: 100,
        message: `both instances to LISTEN again after cut ${cut}`,
      });
      await waitFor(() => adapters.every((adapter) => adapter.health().connected), {
        timeoutMs: 5_000,
        message: "both adapters to report they listen again",
      });
      // What crossed nowhere meanwhile, Bob's page fetches from the database when told to.
      await waitFor(() => resyncsAtBob === cut, { message: `Bob to be told to catch up after cut ${cut}` });
      await crosses(alice, atBob, `Après la coupure ${cut}.`);
    }
    expect(adapters.map((adapter) => adapter.health().reconnections)).toEqual([3, 3]);
  });
});

describe.skipIf(!DATABASE_URL)("an instance shutting down", () => {
  it("sends nothing through the adapter after its pool has ended", async () => {
    const database = await createTestDatabase();
    const errors = vi.spyOn(console, "error");
    try {
      const seeded = await seedDiscussion(database.db);
      const adapter = await createPostgresAdapter(database.url!);
      const server = await startTestServer(database.db, { adapter });
      const reader = await connectedClient(server.url, seeded.members.alice.id);
      // The join schedules a presence count for the room, told half a second later.
      await reader.emitWithAck("thread:join", { threadId: seeded.threadId });
      await server.close();
      await adapter.close();
      reader.disconnect();
      // Past the presence interval: a count still scheduled would have been sent by now.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const logged = errors.mock.calls.map((call) => call.map(String).join(" "));
      expect(logged.filter((line) => line.includes("Cannot use a pool"))).toEqual([]);
    } finally {
      errors.mockRestore();
      await database.close();
    }
  });
});
