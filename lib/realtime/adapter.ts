import type { ServerOptions } from "socket.io";

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
  /** Releases connections; call after the Socket.IO server is closed. */
  close(): Promise<void>;
}

export interface AdapterSettings {
  REDIS_URL?: string | undefined;
  DATABASE_URL?: string | undefined;
}

export const memoryAdapter: RealtimeAdapter = {
  kind: "memory",
  adapter: undefined,
  supportsRecovery: true,
  close: async () => {},
};

const logError = (source: string) => (error: unknown) => console.error(`Socket.IO ${source} adapter:`, error);

export async function createRedisStreamsAdapter(url: string): Promise<RealtimeAdapter> {
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import("redis"),
    import("@socket.io/redis-streams-adapter"),
  ]);
  const client = createClient({ url });
  client.on("error", logError("Redis"));
  await client.connect();
  return {
    kind: "redis-streams",
    adapter: createAdapter(client) as ServerOptions["adapter"],
    supportsRecovery: true,
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
  // One connection LISTENs, the other NOTIFYs; the app's queries use their own pool.
  const pool = new pg.Pool({ connectionString: url, max: 3, application_name: "agora-socket.io" });
  pool.on("error", logError("PostgreSQL"));
  return {
    kind: "postgres",
    adapter: createAdapter(pool, { errorHandler: logError("PostgreSQL") }) as ServerOptions["adapter"],
    supportsRecovery: false,
    close: async () => {
      await pool.end().catch(() => {});
    },
  };
}

export async function createRealtimeAdapter(settings: AdapterSettings): Promise<RealtimeAdapter> {
  if (settings.REDIS_URL) return createRedisStreamsAdapter(settings.REDIS_URL);
  if (settings.DATABASE_URL) return createPostgresAdapter(settings.DATABASE_URL);
  return memoryAdapter;
}
