import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Database } from "../db/client";
import { seedDiscussion } from "../lib/posts/testing";
import { waitFor } from "../lib/realtime/testing";
import { split, withWorkers } from "./lib/client-fleet";
import type { BenchSection } from "./lib/report";
import { startAgoraServer } from "./lib/servers";
import { fixed } from "./lib/stats";

/**
 * Server memory per connected socket: RSS and heap of this process (which hosts the server;
 * clients live in workers) before, with N sockets in a thread's room, and after they all left.
 */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const mib = (bytes: number) => bytes / 2 ** 20;

/** RSS and heap after forced garbage collection. */
export function settledMemory() {
  // Two passes: the first frees what finalizers release.
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

export async function runMemory(db: Database, options: { sockets: number }): Promise<BenchSection> {
  const seeded = await seedDiscussion(db, { takeaways: 3 });
  const server = await startAgoraServer(db);
  try {
    const slices = split(
      Array.from({ length: options.sockets }, () => null),
      Math.ceil(options.sockets / 500),
    );
    const before = settledMemory();
    const { connected, left } = await withWorkers(slices.length, async (workers) => {
      await Promise.all(
        workers.map((worker, index) =>
          worker.request(
            {
              type: "connect",
              url: server.url,
              users: slices[index]!,
              join: { event: "thread:join", threadId: seeded.threadId },
            },
            "ready",
          ),
        ),
      );
      await waitFor(() => server.io.engine.clientsCount === options.sockets, {
        timeoutMs: 30_000,
        message: "every socket connected",
      });
      const connectedMemory = settledMemory();
      await Promise.all(workers.map((worker) => worker.request({ type: "close" }, "closed")));
      await waitFor(() => server.io.engine.clientsCount === 0, {
        timeoutMs: 30_000,
        message: "every socket gone",
      });
      return { connected: connectedMemory, left: settledMemory() };
    });
    const perSocketRss = (connected.rss - before.rss) / options.sockets / 1024;
    const perSocketHeap = (connected.heapUsed - before.heapUsed) / options.sockets / 1024;
    const heapLeft = mib(left.heapUsed - before.heapUsed);
    console.log(
      `memory: ${fixed(perSocketRss)} KiB RSS per socket, heap after leaving +${fixed(heapLeft)} MiB`,
    );
    return {
      title: `Server memory with ${options.sockets.toLocaleString("en")} sockets in one thread`,
      tables: [
        {
          caption: "MiB, after forced garbage collection",
          headers: ["moment", "RSS", "heap used"],
          rows: [
            ["before", fixed(mib(before.rss)), fixed(mib(before.heapUsed))],
            [`${options.sockets} sockets joined`, fixed(mib(connected.rss)), fixed(mib(connected.heapUsed))],
            ["all left", fixed(mib(left.rss)), fixed(mib(left.heapUsed))],
          ],
        },
      ],
      notes: [
        `Per connected socket: ${fixed(perSocketRss)} KiB RSS, ${fixed(perSocketHeap)} KiB heap.`,
        `After every socket left, heap is ${fixed(heapLeft)} MiB above its start ` +
          `(RSS ${fixed(mib(left.rss - before.rss))} MiB: the allocator keeps freed pages, so heap is the leak signal).`,
      ],
    };
  } finally {
    await server.close();
  }
}
