import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { seedDiscussion } from "../posts/testing";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";
import { createRealtimeServer, maxThreadRoomsPerSocket, type RealtimeServer } from "./server";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let database: TestDatabase;
let httpServer: HttpServer;
let io: RealtimeServer;
let url: string;
let threadId: string;
const clients: ClientSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  threadId = (await seedDiscussion(database.db)).threadId;
  httpServer = createServer();
  io = createRealtimeServer(httpServer, { db: database.db });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await io.close();
  await database.close();
});

async function client(): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, { transports: ["websocket"], forceNew: true });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

describe("thread rooms", () => {
  it("lets a client join a thread's room and tells the room its readers, once for joins close together", async () => {
    const first = await client();
    const second = await client();
    const presence = new Promise((resolve) => first.on("presence:updated", resolve));
    expect(await first.emitWithAck("thread:join", { threadId })).toEqual({
      ok: true,
      data: { room: `thread:${threadId}`, readers: 1 },
    });
    expect(await second.emitWithAck("thread:join", { threadId })).toMatchObject({
      ok: true,
      data: { readers: 2 },
    });
    // Joins close together make one count for the room, not one each.
    expect(await presence).toEqual({ threadId, readers: 2 });
    expect(await second.emitWithAck("thread:leave", { threadId })).toMatchObject({ ok: true });
  });

  it("joins only rooms of threads that exist, and only a few per connection", async () => {
    const socket = await client();
    expect(
      await socket.emitWithAck("thread:join", { threadId: "6f1d7c4e-3b8a-4d2e-9f10-1234567890ab" }),
    ).toMatchObject({ ok: false, error: { code: "not_found:thread" } });
    const others = [];
    for (let i = 0; i <= maxThreadRoomsPerSocket; i++)
      others.push((await seedDiscussion(database.db)).threadId);
    for (const other of others.slice(0, -1)) {
      expect(await socket.emitWithAck("thread:join", { threadId: other })).toMatchObject({ ok: true });
    }
    // Joining a room it is already in costs nothing.
    expect(await socket.emitWithAck("thread:join", { threadId: others[0]! })).toMatchObject({ ok: true });
    const refused = await socket.emitWithAck("thread:join", { threadId: others.at(-1)! });
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited:thread_rooms" } });
    expect(!refused.ok && refused.error.message).toMatch(/^Trop de discussions suivies/);
    await socket.emitWithAck("thread:leave", { threadId: others[0]! });
    expect(await socket.emitWithAck("thread:join", { threadId: others.at(-1)! })).toMatchObject({ ok: true });
    // Its own room, and as many threads as allowed.
    expect((await io.in(socket.id!).fetchSockets())[0]!.rooms.size).toBe(1 + maxThreadRoomsPerSocket);
  });

  it("answers a malformed payload with an error naming the problem", async () => {
    const socket = await client();
    const ack = await socket.emitWithAck("thread:join", { threadId: "pas-un-uuid" });
    expect(ack).toMatchObject({ ok: false, error: { code: "bad_request:event" } });
    expect(!ack.ok && ack.error.message).toBe(
      "Requête thread:join invalide\u202f: threadId: threadId doit être l’identifiant d’une discussion (un UUID)",
    );
  });

  it("answers a bad event sent without an ack on an app:error event, and stays up", async () => {
    const socket = await client();
    const error = new Promise((resolve) => socket.once("app:error", resolve));
    (socket as unknown as { emit: (event: string, payload: unknown) => void }).emit("thread:join", 42);
    expect(await error).toMatchObject({ event: "thread:join", code: "bad_request:event" });
    expect(await socket.emitWithAck("thread:join", { threadId })).toMatchObject({ ok: true });
  });

  it("ignores an event it has no handler for, and keeps answering the others", async () => {
    const socket = await client();
    (socket as unknown as { emit: (event: string, payload: unknown) => void }).emit("nothing:here", { a: 1 });
    expect(await socket.emitWithAck("thread:join", { threadId })).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
  });
});
