import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { posts } from "../../db/schema/posts";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { ErrorBody } from "../errors";
import { newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import type * as HandlerModule from "./handler";
import type { EventRouter } from "./handler";
import { callShape, payloadArbitrary, type KnownIds } from "./fuzz-payloads";
import { connectedClient, startTestServer, waitFor, type TestServer } from "./testing";
import type { ClientSocket } from "./thread-sync";

// The routers the server builds, so every routed event is fuzzed, including ones added later.
const routers = vi.hoisted(() => [] as EventRouter[]);
vi.mock("./handler", async (importOriginal) => {
  const actual = await importOriginal<typeof HandlerModule>();
  return {
    ...actual,
    createEventRouter: () => {
      const router = actual.createEventRouter();
      routers.push(router);
      return router;
    },
  };
});

/** Each role's share of the budget, half under a fixed seed and half under a fresh one. */
const msPerRun = Number(process.env.FUZZ_MS_PER_RUN ?? 2_500);
const fixedSeed = 20_261_202;

type RawSocket = {
  emit(event: string, ...args: unknown[]): void;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  on(event: string, listener: (payload: unknown) => void): void;
};
const raw = (socket: ClientSocket) => socket as unknown as RawSocket;

let database: TestDatabase;
let server: TestServer;
let fuzzed: SeededDiscussion;
let witnessed: SeededDiscussion;
let ids: KnownIds;
const sockets: ClientSocket[] = [];
const errorLog: unknown[][] = [];
/** app:error answers to events sent without an ack, checked like acks. */
const unackedErrors: (ErrorBody & { event: string })[] = [];

/** English that zod or a handler would answer with when a message was not translated. */
const english = /\b(invalid|expected|received|required|unrecognized|too (big|small)|must|should|payload)\b/i;

/** About what the payload weighs once encoded: binary as is, text as JSON. Iterative: payloads nest deep. */
function wireSize(value: unknown): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length) {
    const item = pending.pop();
    if (ArrayBuffer.isView(item)) size += item.byteLength;
    else if (typeof item === "string") size += Buffer.byteLength(JSON.stringify(item));
    else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        size += key.length + 4;
        pending.push(child);
      }
    } else size += 8;
  }
  return size;
}

function checkRefusal(event: string, error: unknown) {
  const body = error as Partial<ErrorBody> | undefined;
  const where = `${event} → ${JSON.stringify(body)?.slice(0, 300)}`;
  expect(body?.code, where).toMatch(/^[a-z_]+:[a-z_:-]+$/);
  expect(body?.code, where).not.toBe("internal:unexpected");
  expect(typeof body?.message, where).toBe("string");
  expect(body?.message, where).not.toBe("");
  expect(body?.message, where).not.toMatch(english);
}

function checkAck(event: string, ack: unknown) {
  const answer = ack as { ok?: unknown; error?: unknown };
  expect([true, false], `${event} acked ${JSON.stringify(ack)?.slice(0, 200)}`).toContain(answer?.ok);
  if (answer.ok === false) checkRefusal(event, answer.error);
}

async function joined(userId: string | null, threadId: string): Promise<ClientSocket> {
  const socket = await connectedClient(server.url, userId);
  sockets.push(socket);
  raw(socket).on("app:error", (error) => unackedErrors.push(error as ErrorBody & { event: string }));
  expect(await socket.emitWithAck("thread:join", { threadId })).toMatchObject({ ok: true });
  return socket;
}

beforeAll(async () => {
  database = await createTestDatabase();
  fuzzed = await seedDiscussion(database.db);
  witnessed = await seedDiscussion(database.db);
  await database.db.update(users).set({ role: "moderator" }).where(eq(users.id, fuzzed.members.bob.id));
  server = await startTestServer(database.db, {
    // The witness must never be throttled; the fuzzers are, which is one of the answers checked.
    rateLimits: { comment: { capacity: 10_000, refillEveryMs: 1 } },
  });
  const author = await joined(fuzzed.members.dave.id, fuzzed.threadId);
  const postIds = [...fuzzed.takeawayIds];
  for (let i = 0; i < 3; i++) {
    const ack = await author.emitWithAck("post:create", {
      threadId: fuzzed.threadId,
      clientId: newClientId(),
      body: `Avis n°${i}`,
    });
    if (ack.ok) postIds.push(ack.data.id);
  }
  const note = await author.emitWithAck("note:join", { threadId: fuzzed.threadId });
  ids = {
    threadIds: [fuzzed.threadId],
    postIds,
    noteIds: note.ok ? [note.data.noteId] : [],
    userIds: [fuzzed.members.alice.id, fuzzed.members.carol.id, fuzzed.members.dave.id],
  };
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errorLog.push(args);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  await database?.close();
});

function routedEvents(): string[] {
  return [...new Set(routers.flatMap((router) => router.events()))].sort();
}

describe("fuzzing every socket event", () => {
  it("finds the events to fuzz in the server's router", () => {
    const events = routedEvents();
    // A sanity floor, not the list: a handful from each feature must be among them.
    for (const event of ["session:whoami", "thread:join", "post:create", "note:update", "post:hide"]) {
      expect(events).toContain(event);
    }
    expect(events.length).toBeGreaterThan(20);
  });

  it("answers every payload from guests, members and moderators with a clear French error or a result, stays up and loses no one else's comment", async () => {
    const events = routedEvents();
    const witness = await joined(witnessed.members.carol.id, witnessed.threadId);
    const witnessAcks: Promise<unknown>[] = [];
    const witnessClientIds: string[] = [];
    const sendWitnessComment = () => {
      const clientId = newClientId();
      witnessClientIds.push(clientId);
      witnessAcks.push(
        witness
          .timeout(10_000)
          .emitWithAck("post:create", {
            threadId: witnessed.threadId,
            clientId,
            body: `Témoin ${witnessClientIds.length}`,
          })
          .catch((error: unknown) => ({ ok: false, error: String(error) })),
      );
    };

    const roles = [
      { name: "guest", userId: null },
      { name: "member", userId: fuzzed.members.alice.id },
      { name: "moderator", userId: fuzzed.members.bob.id },
    ];
    let sent = 0;
    for (const role of roles) {
      let socket = await joined(role.userId, fuzzed.threadId);
      let oversizedSent = false;
      const property = fc.asyncProperty(
        fc.constantFrom(...events),
        payloadArbitrary(ids),
        callShape,
        async (event, payload, { withAck, extraArgs }) => {
          // Past maxHttpBufferSize the server closes the connection, by design; the attacker comes back.
          if (!socket.connected) {
            expect(oversizedSent, "only an oversized payload closes a connection").toBe(true);
            socket = await joined(role.userId, fuzzed.threadId);
            oversizedSent = false;
          }
          if (++sent % 10 === 0) sendWitnessComment();
          const args = [payload, ...extraArgs];
          if (wireSize(args) > 1e6) oversizedSent = true;
          if (!withAck) {
            raw(socket).emit(event, ...args);
            return;
          }
          try {
            checkAck(
              event,
              await raw(socket)
                .timeout(10_000)
                .emitWithAck(event, ...args),
            );
          } catch (error) {
            if (oversizedSent && String(error).includes("disconnected")) return;
            throw error;
          }
        },
      );
      for (const seed of [fixedSeed, Date.now() ^ (Math.random() * 2 ** 31)]) {
        await fc.assert(property, {
          seed,
          numRuns: 1_000_000,
          interruptAfterTimeLimit: msPerRun,
          // fast-check prints the seed and path of a failure; this says which role it was.
          reporter: (details) => {
            if (details.failed) {
              // Cut short: a counterexample can hold a 300 KB string.
              const report = fc.defaultReportMessage(details) ?? "";
              const cause = details.errorInstance;
              const stack = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
              throw new Error(`${role.name}: ${report.slice(0, 3_000)}\n${stack.slice(0, 2_000)}`);
            }
          },
        });
      }
    }
    expect(sent, "runs in the time budget").toBeGreaterThan(30);

    // Still up: a fresh client is answered, and the fuzzers' sockets still are.
    const health = await connectedClient(server.url, fuzzed.members.alice.id);
    sockets.push(health);
    expect(await health.timeout(5_000).emitWithAck("session:whoami")).toMatchObject({
      ok: true,
      data: { id: fuzzed.members.alice.id },
    });

    // Nothing lost for others: every witness comment acknowledged, stored once.
    const acks = await Promise.all(witnessAcks);
    for (const ack of acks) expect(ack).toMatchObject({ ok: true });
    const stored = await database.db
      .select({ clientId: posts.clientId })
      .from(posts)
      .where(inArray(posts.clientId, witnessClientIds));
    expect(stored.map((row) => row.clientId).sort()).toEqual([...witnessClientIds].sort());

    // Answers to events sent without an ack came as app:error, held to the same standard.
    await waitFor(async () => (await health.timeout(5_000).emitWithAck("session:whoami")).ok);
    for (const error of unackedErrors) checkRefusal(error.event, error);

    const unexpected = errorLog.filter((args) => /unexpected|failed/i.test(String(args[0])));
    expect(unexpected.map((args) => args.map(String).join(" ").slice(0, 500))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
