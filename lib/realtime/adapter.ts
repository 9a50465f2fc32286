import type { ServerOptions } from "socket.io";
import { describeError } from "../log/describe-error";
import { createResilientListenerPool } from "./postgres-listener";

/**
 * How several Agora instances share Socket.IO rooms, chosen from the environment:
 * - REDIS_URL: the Redis Streams adapter. It survives short Redis outages and supports
 *   Socket.IO's connection state recovery (missed packets replayed on reconnect).
 * - DATABASE_URL (no Redis): the PostgreSQL adapter, over LISTEN/NOTIFY on the database we
 *   already run (pg Pool; big payloads go through `socket_io_attachments`). It does NOT
 *   support connection state recovery: clients catch up from the database instead
 *   (thread:catch-up), which they do after every reconnection anyway.
 * - neither: the in-memory adapter; embedded PostgreSQL is single-process, so there is only
 *   one instance to talk to.
 */
export interface RealtimeAdapter {
  kind: "redis-streams" | "postgres" | "memory";
  /** For the Server's `adapter` option; undefined keeps Socket.IO's in-memory adapter. */
  adapter: ServerOptions["adapter"] | undefined;
  /** Whether Socket.IO's connection state recovery works with it. */
  supportsRecovery: boolean;
  /** Whether this instance hears the others now (for /api/health). */
  health(): AdapterHealth;
  /**
   * Called when the link to other instances comes back after a loss: broadcasts sent meanwhile
   * were missed, so local clients and live notes should catch up from the database.
   */
  onRecovered(listener: () => void): void;
  /** Releases connections; call after the Socket.IO server is closed. */
  close(): Promise<void>;
}

export interface AdapterHealth {
  kind: RealtimeAdapter["kind"];
  /** False while messages from other instances cannot arrive. */
  connected: boolean;
  reconnections: number;
  lostAt: string | null;
}

export interface AdapterSettings {
  REDIS_URL?: string | undefined;
  DATABASE_URL?: string | undefined;
}

export const memoryAdapter: RealtimeAdapter = {
  kind: "memory",
  adapter: undefined,
  supportsRecovery: true,
  health: () => ({ kind: "memory", connected: true, reconnections: 0, lostAt: null }),
  onRecovered: () => {},
  close: async () => {},
};

const logLine = (source: string) => (message: string) =>
  console.error(`Socket.IO ${source} adapter: ${message}`);
const logError = (source: string) => (error: unknown) => logLine(source)(describeError(error));

export async function createRedisStreamsAdapter(url: string): Promise<RealtimeAdapter> {
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import("redis"),
    import("@socket.io/redis-streams-adapter"),
  ]);
  const client = createClient({ url });
  let lostAt: Date | null = null;
  let reconnections = 0;
  const recovered: (() => void)[] = [];
  // node-redis reconnects by itself; these only keep count and tell whoever must catch up.
  client.on("error", logError("Redis"));
  client.on("end", () => (lostAt ??= new Date()));
  client.on("reconnecting", () => (lostAt ??= new Date()));
  client.on("ready", () => {
    if (!lostAt) return;
    reconnections += 1;
    for (const listener of recovered) listener();
  });
  await client.connect();
  return {
    kind: "redis-streams",
    adapter: createAdapter(client) as ServerOptions["adapter"],
    supportsRecovery: true,
    health: () => ({
      kind: "redis-streams",
      connected: client.isReady,
      reconnections,
      lostAt: lostAt?.toISOString() ?? null,
    }),
    onRecovered: (listener) => recovered.push(listener),
    close: async () => {
      await client.close().catch(() => {});
    },
  };
}

export async function createPostgresAdapter(url: string): Promise<RealtimeAdapter> {
  const [{ default: pg }, { createAdapter }] = await Promise.all([
    import("pg"),
    import("@socket.io/postgres-adapter"),
  ]);
  const config = { connectionString: url, application_name: "agora-socket.io" };
  // NOTIFY and attachments go through this pool; the LISTEN connection is held apart (see
  // postgres-listener.ts for why a plain pool loses it for good after a few database blips).
  const queryPool = new pg.Pool({ ...config, max: 2 });
  queryPool.on("error", logError("PostgreSQL"));
  const listener = createResilientListenerPool(pg.Client, queryPool, config, logLine("PostgreSQL"));
  const adapter = createAdapter(listener.pool, { errorHandler: logError("PostgreSQL") });
  return {
    kind: "postgres",
    adapter: adapter as ServerOptions["adapter"],
    supportsRecovery: false,
    health: () => {
      const { listening, reconnections, lostAt } = listener.health();
      return { kind: "postgres", connected: listening, reconnections, lostAt: lostAt?.toISOString() ?? null };
    },
    onRecovered: (callback) => listener.onRelisten(callback),
    close: async () => {
      await listener.end().catch(() => {});
    },
  };
}

export async function createRealtimeAdapter(settings: AdapterSettings): Promise<RealtimeAdapter> {
  if (settings.REDIS_URL) return createRedisStreamsAdapter(settings.REDIS_URL);
  if (settings.DATABASE_URL) return createPostgresAdapter(settings.DATABASE_URL);
  return memoryAdapter;
}
