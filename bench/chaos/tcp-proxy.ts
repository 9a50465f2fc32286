import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy between Agora and PostgreSQL that can misbehave on command, as a flaky network
 * or a load balancer does: `reset()` drops every open connection at once (an RST to both
 * sides), `stall(ms)` stops passing bytes in either direction for a while, then resumes with
 * nothing lost. Loopback only.
 */
export interface TcpProxy {
  port: number;
  reset(): number;
  stall(ms: number): Promise<number>;
  stats(): { connections: number; resets: number; stalls: number };
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let stalledUntil = 0;
  let resets = 0;
  let stalls = 0;
  let connections = 0;

  const pipe = (pair: Pair) => {
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };
  const pause = (pair: Pair) => {
    pair.client.unpipe(pair.upstream);
    pair.upstream.unpipe(pair.client);
    pair.client.pause();
    pair.upstream.pause();
  };

  const server: Server = createServer((client) => {
    connections += 1;
    const upstream = createConnection(target);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    const wait = stalledUntil - Date.now();
    if (wait > 0) {
      pause(pair);
      setTimeout(() => pairs.has(pair) && pipe(pair), wait);
    } else {
      pipe(pair);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    port,
    reset() {
      resets += 1;
      const count = pairs.size;
      for (const pair of [...pairs]) {
        pair.client.resetAndDestroy();
        pair.upstream.resetAndDestroy();
        pairs.delete(pair);
      }
      return count;
    },
    async stall(ms) {
      stalls += 1;
      stalledUntil = Date.now() + ms;
      const held = [...pairs];
      for (const pair of held) pause(pair);
      await new Promise((resolve) => setTimeout(resolve, ms));
      for (const pair of held) {
        if (!pairs.has(pair)) continue;
        pipe(pair);
        pair.client.resume();
        pair.upstream.resume();
      }
      return held.length;
    },
    stats: () => ({ connections, resets, stalls }),
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
