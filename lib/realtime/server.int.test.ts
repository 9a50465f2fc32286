import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";
import { createRealtimeServer, type RealtimeServer } from "./server";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let httpServer: HttpServer;
let io: RealtimeServer;
let url: string;
const clients: ClientSocket[] = [];

beforeAll(async () => {
  httpServer = createServer();
  io = createRealtimeServer(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await io.close();
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

const threadId = "6f1d7c4e-3b8a-4d2e-9f10-1234567890ab";

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

  it("answers a malformed payload with an error naming the problem", async () => {
    const socket = await client();
    const ack = await socket.emitWithAck("thread:join", { threadId: "pas-un-uuid" });
    expect(ack).toMatchObject({ ok: false, error: { code: "bad_request:event" } });
    expect(!ack.ok && ack.error.message).toContain("threadId must be a thread's id");
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
