import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { Database } from "../../db/client";
import { users } from "../../db/schema/users";
import { startTestServer, type TestServer } from "../../lib/realtime/testing";

/** Budgets no benchmark member can exhaust: the benchmarks measure the pipeline, not the limiter. */
const unlimited = { capacity: 1_000_000_000, refillEveryMs: 1 };

/** Agora's real server factory on a loopback port, identifying members from the handshake. */
export function startAgoraServer(db: Database): Promise<TestServer> {
  return startTestServer(db, { rateLimits: { comment: unlimited, edit: unlimited, reaction: unlimited } });
}

/** Listens on a free loopback port; resolves with the server's address. */
export async function listenOnLoopback(httpServer: HttpServer): Promise<string> {
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface BareServer {
  url: string;
  clients(): number;
  /** Sockets in the room the posts go to. */
  roomSize(): number;
  close(): Promise<void>;
}

/**
 * The baseline: Socket.IO of the same version with nothing in the way: a join puts the socket
 * in the room, a post is broadcast to the room as received and acknowledged.
 */
export async function startBareServer(): Promise<BareServer> {
  const httpServer = createServer();
  const io = new Server(httpServer);
  io.on("connection", (socket) => {
    socket.on("bare:join", (input: { threadId: string }, ack: (answer: unknown) => void) => {
      void socket.join(`thread:${input.threadId}`);
      ack({ ok: true });
    });
    socket.on("bare:post", (payload: unknown, ack: (answer: unknown) => void) => {
      io.to("thread:bare").emit("bare:created", payload);
      ack({ ok: true });
    });
  });
  return {
    url: await listenOnLoopback(httpServer),
    clients: () => io.engine.clientsCount,
    roomSize: () => io.of("/").adapter.rooms.get("thread:bare")?.size ?? 0,
    close: () => io.close(),
  };
}

/** `count` members written straight to the database, as seedDiscussion does for four. */
export async function createMembers(db: Database, count: number, prefix: string): Promise<string[]> {
  const ids = Array.from(
    { length: count },
    (_, index) => `${prefix}-${index}-${crypto.randomUUID().slice(0, 8)}`,
  );
  if (ids.length)
    await db.insert(users).values(ids.map((id) => ({ id, name: `Membre ${id}`, email: `${id}@agora.test` })));
  return ids;
}
