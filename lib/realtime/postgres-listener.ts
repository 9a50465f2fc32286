import type pg from "pg";
import { describeError } from "../log/describe-error";

/** What the PostgreSQL adapter's LISTEN connection is doing, for /api/health and tests. */
export interface ListenerHealth {
  listening: boolean;
  /** How many times the connection was re-established after being lost. */
  reconnections: number;
  /** When it was last lost; null if never. */
  lostAt: Date | null;
}

export interface ResilientListenerPool {
  /** Handed to `@socket.io/postgres-adapter` in place of a pg.Pool. */
  pool: pg.Pool;
  health(): ListenerHealth;
  /** Called each time LISTEN works again after a loss: deliveries in between were missed. */
  onRelisten(listener: () => void): void;
  /**
   * Waits for the adapter's queries in flight (its goodbye to the other instances is sent as the
   * Socket.IO server closes), then ends the pool: ending it first made them fail with "Cannot use
   * a pool after calling end on the pool".
   */
  end(): Promise<void>;
}

type QueryFunction = (...args: unknown[]) => unknown;

/**
 * `@socket.io/postgres-adapter` takes its LISTEN client from the pool with `pool.connect()`, keeps
 * it checked out for ever and reconnects on its 'end' event. Two things break that with a plain
 * pg.Pool (adapter 0.5.0, pg-pool 3.14): the checked-out client has no 'error' listener, so a
 * dropped connection throws an uncaught exception; and a client that dies checked out is never
 * returned, so each drop leaks a pool slot until none is left to LISTEN with. Here `connect()`
 * hands out a dedicated client, outside the pool, that reports its errors and is simply ended
 * when the adapter "releases" it; the adapter's own reconnection loop does the rest. Queries
 * (NOTIFY, attachments) still go through the pool, which handles its own broken clients.
 */
export function createResilientListenerPool(
  PgClient: typeof pg.Client,
  queryPool: pg.Pool,
  config: pg.ClientConfig,
  log: (message: string) => void,
): ResilientListenerPool {
  const health: ListenerHealth = { listening: false, reconnections: 0, lostAt: null };
  const relistenListeners: (() => void)[] = [];
  let everListened = false;

  const markListening = () => {
    if (health.listening) return;
    health.listening = true;
    if (!everListened) {
      everListened = true;
      return;
    }
    health.reconnections += 1;
    log(`LISTEN restored (reconnection ${health.reconnections}).`);
    for (const listener of relistenListeners) {
      try {
        listener();
      } catch (error) {
        log(`a listener of the restored LISTEN failed: ${describeError(error)}`);
      }
    }
  };

  const markLost = (reason: string) => {
    if (!health.listening && health.lostAt) return;
    health.listening = false;
    health.lostAt = new Date();
    log(`LISTEN connection lost (${reason}); the adapter reconnects.`);
  };

  const connect = async (): Promise<pg.PoolClient> => {
    const client = new PgClient(config);
    let ended = false;
    client.on("error", (error) => markLost(describeError(error)));
    client.on("end", () => {
      ended = true;
      markLost("connection closed");
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    // The adapter's first statements on this client are its LISTENs: once one succeeds, it listens.
    const query = client.query.bind(client) as QueryFunction;
    (client as unknown as { query: QueryFunction }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (typeof args[0] === "string" && args[0].startsWith("LISTEN") && result instanceof Promise) {
        void result.then(
          () => {
            if (!ended) markListening();
          },
          () => {},
        );
      }
      return result;
    };
    const release = () => {
      ended = true;
      void client.end().catch(() => {});
    };
    return Object.assign(client, { release }) as unknown as pg.PoolClient;
  };

  const inFlight = new Set<Promise<unknown>>();
  const query = (...args: unknown[]) => {
    const result = (queryPool.query as unknown as QueryFunction).apply(queryPool, args);
    if (result instanceof Promise) {
      const settled = result.catch(() => {});
      inFlight.add(settled);
      void settled.finally(() => inFlight.delete(settled));
    }
    return result;
  };

  // Everything but connect() is the real pool's, bound to it: its query() calls its own connect().
  const pool = new Proxy(queryPool, {
    get(target, property) {
      if (property === "connect") return connect;
      if (property === "query") return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as QueryFunction).bind(target) : value;
    },
  });

  return {
    pool,
    health: () => ({ ...health }),
    onRelisten: (listener) => relistenListeners.push(listener),
    async end() {
      await Promise.allSettled([...inFlight]);
      await queryPool.end();
    },
  };
}
