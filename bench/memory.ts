import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Database } from "../db/client";
import { seedDiscussion } from "../lib/posts/testing";
import { waitFor } from "../lib/realtime/testing";
import { split, withWorkers, type ClientWorker } from "./lib/client-fleet";
import type { BenchSection } from "./lib/report";
import { startAgoraServer, startBareServer } from "./lib/servers";
import { fixed, ratio } from "./lib/stats";

/**
 * Server memory per connected socket: RSS and heap of this process (which hosts the server;
 * clients live in workers) before, with N sockets in a thread's room, and after they all left,
 * twice over: a leak shows as a heap that grows from one round to the next, whereas the
 * first round also warms up code and caches. Baseline: bare Socket.IO of the same version
 * (sockets joined to one room), in the same process, in the same run.
 */
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const mib = (bytes: number) => bytes / 2 ** 20;

interface Memory {
  rss: number;
  heapUsed: number;
}

function settledMemory(): Memory {
  // Two passes: the first frees what finalizers release.
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

interface Rounds {
  before: Memory;
  /** With every socket joined, then after they all left; one entry per round. */
  joined: Memory[];
  left: Memory[];
}

interface Target {
  url: string;
  join: { event: string; threadId: string };
  clients: () => number;
}

async function measureRounds(target: Target, sockets: number, rounds: number): Promise<Rounds> {
  const slices = split(
    Array.from({ length: sockets }, () => null),
    Math.ceil(sockets / 500),
  );
  const result: Rounds = { before: settledMemory(), joined: [], left: [] };
  await withWorkers(slices.length, async (workers: ClientWorker[]) => {
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        workers.map((worker, index) =>
          worker.request(
            { type: "connect", url: target.url, users: slices[index]!, join: target.join },
            "ready",
          ),
        ),
      );
      await waitFor(() => target.clients() === sockets, {
        timeoutMs: 30_000,
        message: "every socket connected",
      });
      result.joined.push(settledMemory());
      await Promise.all(workers.map((worker) => worker.request({ type: "close" }, "closed")));
      await waitFor(() => target.clients() === 0, { timeoutMs: 30_000, message: "every socket gone" });
      result.left.push(settledMemory());
    }
  });
  return result;
}

const perSocketKiB = (rounds: Rounds, sockets: number, field: keyof Memory) =>
  (rounds.joined.at(-1)![field] - rounds.left.at(-2)![field]) / sockets / 1024;

export async function runMemory(db: Database, options: { sockets: number }): Promise<BenchSection> {
  const rounds = 2;
  const seeded = await seedDiscussion(db, { takeaways: 3 });
  const agoraServer = await startAgoraServer(db);
  let agora: Rounds;
  try {
    agora = await measureRounds(
      {
        url: agoraServer.url,
        join: { event: "thread:join", threadId: seeded.threadId },
        clients: () => agoraServer.io.engine.clientsCount,
      },
      options.sockets,
      rounds,
    );
  } finally {
    await agoraServer.close();
  }
  const bareServer = await startBareServer();
  let bare: Rounds;
  try {
    bare = await measureRounds(
      { url: bareServer.url, join: { event: "bare:join", threadId: "bare" }, clients: bareServer.clients },
      options.sockets,
      rounds,
    );
  } finally {
    await bareServer.close();
  }
  // Per socket: the last round's joined state against the state just before it (everything
  // warmed up by the first round), so one-time costs are not charged to sockets.
  const figures = { agora, bare } as const;
  const per = (name: keyof typeof figures, field: keyof Memory) =>
    perSocketKiB(figures[name], options.sockets, field);
  const growth = (name: keyof typeof figures) =>
    mib(figures[name].left[1]!.heapUsed - figures[name].left[0]!.heapUsed);
  console.log(
    `memory: Agora ${fixed(per("agora", "rss"))} KiB RSS per socket (bare ${fixed(per("bare", "rss"))}), ` +
      `heap growth between rounds ${fixed(growth("agora"), 2)} MiB`,
  );
  const rows = (name: string, result: Rounds) => [
    [name, "before", fixed(mib(result.before.rss)), fixed(mib(result.before.heapUsed))],
    ...result.joined.flatMap((joined, round) => [
      [
        name,
        `round ${round + 1}: ${options.sockets} joined`,
        fixed(mib(joined.rss)),
        fixed(mib(joined.heapUsed)),
      ],
      [
        name,
        `round ${round + 1}: all left`,
        fixed(mib(result.left[round]!.rss)),
        fixed(mib(result.left[round]!.heapUsed)),
      ],
    ]),
  ];
  return {
    title: `Server memory with ${options.sockets.toLocaleString("en")} sockets in one thread`,
    tables: [
      {
        caption: `MiB, after forced garbage collection; ${rounds} rounds of joining and leaving`,
        headers: ["server", "moment", "RSS", "heap used"],
        rows: [...rows("Agora", agora), ...rows("bare Socket.IO", bare)],
      },
      {
        caption: "Per connected socket (last round), KiB",
        headers: ["server", "RSS", "heap", "heap growth round 1 → 2 after leaving (MiB)"],
        rows: [
          ["Agora", fixed(per("agora", "rss")), fixed(per("agora", "heapUsed")), fixed(growth("agora"), 2)],
          [
            "bare Socket.IO",
            fixed(per("bare", "rss")),
            fixed(per("bare", "heapUsed")),
            fixed(growth("bare"), 2),
          ],
          [
            "Agora / bare",
            ratio(per("agora", "rss"), per("bare", "rss")),
            ratio(per("agora", "heapUsed"), per("bare", "heapUsed")),
            "",
          ],
        ],
      },
    ],
    notes: [
      `Agora holds ${fixed(per("agora", "rss"))} KiB RSS and ${fixed(per("agora", "heapUsed"))} KiB heap per connected socket ` +
        `(bare Socket.IO: ${fixed(per("bare", "rss"))} and ${fixed(per("bare", "heapUsed"))}).`,
      `After every socket left, Agora's heap is ${fixed(mib(agora.left.at(-1)!.heapUsed - agora.before.heapUsed), 1)} MiB above its start ` +
        `and moved ${fixed(growth("agora"), 2)} MiB from the first round to the second ` +
        `(leak: ${Math.abs(growth("agora")) < 1 ? "none seen" : "suspected"}; RSS is not the signal, the allocator keeps freed pages).`,
    ],
  };
}
