import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect } from "socket.io-client";
import type { Database } from "../../db/client";
import type { RateLimitSettings } from "../rate-limit/token-bucket";
import type { RealtimeAdapter } from "./adapter";
import type { ConnectionLimits } from "./connection-limits";
import { createRealtimeServer, type RealtimeServer } from "./server";
import type { ClientSocket } from "./thread-sync";

/** Test support: the real server factory on a free port, acting as whoever the client says it is. */
export interface TestServer {
  url: string;
  port: number;
  io: RealtimeServer;
  httpServer: HttpServer;
  close(): Promise<void>;
}

export async function startTestServer(
  db: Database,
  options: {
    rateLimits?: RateLimitSettings;
    adapter?: RealtimeAdapter;
    port?: number;
    connectionLimits?: ConnectionLimits;
  } = {},
): Promise<TestServer> {
  const httpServer = createServer();
  const io = createRealtimeServer(httpServer, {
    db,
    adapter: options.adapter,
    rateLimits: options.rateLimits,
    // Every test client comes from 127.0.0.1, benchmarks with thousands of them.
    connectionLimits: options.connectionLimits ?? { perAddress: Infinity, perMember: Infinity },
    // Tests stand in for the session cookie: the handshake names the member.
    identify: async (handshake) => {
      const id = (handshake.auth as { testUserId?: unknown }).testUserId;
      return typeof id === "string" ? id : null;
    },
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    io,
    httpServer,
    /** Like a process going away: clients see their transport close and try to reconnect. */
    async close() {
      await io.close();
    },
  };
}

export function connectClient(url: string, userId: string | null): ClientSocket {
  return connect(url, {
    transports: ["websocket"],
    forceNew: true,
    auth: userId ? { testUserId: userId } : {},
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
}

export async function connectedClient(url: string, userId: string | null): Promise<ClientSocket> {
  const socket = connectClient(url, userId);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Polls until `condition` holds; never a fixed sleep. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5000, intervalMs = 10, message = "condition" } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
