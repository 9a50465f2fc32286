import { fork } from "node:child_process";
import { resolve } from "node:path";
import { split, withWorkers, type ClientWorker } from "./lib/client-fleet";
import type { BenchSection } from "./lib/report";
import { fixed, ratio } from "./lib/stats";
import type { MemoryServerReply } from "./memory-server";

/**
 * Server memory per connected socket: RSS and heap of a process that runs nothing but the
 * server (bench/memory-server.ts; clients live in workers) before, with N sockets in a
 * thread's room, and after they all left, twice over: a leak shows as a heap that grows from
 * one round to the next, whereas the first round also warms up code and caches. Baseline:
 * bare Socket.IO of the same version, sockets joined to one room, in the same run.
 */
interface Memory {
  rss: number;
  heapUsed: number;
}

interface Rounds {
  before: Memory;
  /** With every socket joined, then after they all left; one entry per round. */
  joined: Memory[];
  left: Memory[];
}

const mib = (bytes: number) => bytes / 2 ** 20;

/** A server process and a way to ask it for its memory once it has `clients` sockets. */
async function startServerProcess(kind: "agora" | "bare", databaseUrl: string | undefined) {
  const child = fork(resolve(process.cwd(), "bench/memory-server.ts"), [kind, databaseUrl ?? ""], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends MemoryServerReply["type"]>(type: T, timeoutMs = 60_000) =>
    new Promise<Extract<MemoryServerReply, { type: T }>>((resolvePromise, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${kind} server: no ${type} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message: MemoryServerReply) => {
        if (message.type !== type && message.type !== "error") return;
        clearTimeout(timer);
        child.off("message", onMessage);
        if (message.type === "error") reject(new Error(`${kind} server: ${message.message}`));
        else resolvePromise(message as Extract<MemoryServerReply, { type: T }>);
      };
      child.on("message", onMessage);
    });
  const listening = await next("listening");
  const measureWhen = async (clients: number): Promise<Memory> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      child.send({ type: "measure" });
      const memory = await next("memory");
      if (memory.clients === clients) return { rss: memory.rss, heapUsed: memory.heapUsed };
      if (Date.now() > deadline)
        throw new Error(`${kind} server: ${memory.clients} sockets, expected ${clients}`);
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    }
  };
  return { ...listening, measureWhen, stop: () => child.kill() };
}

async function measureRounds(
  kind: "agora" | "bare",
  databaseUrl: string | undefined,
  sockets: number,
  rounds: number,
): Promise<Rounds> {
  const server = await startServerProcess(kind, databaseUrl);
  try {
    const join = { event: kind === "agora" ? "thread:join" : "bare:join", threadId: server.threadId };
    const slices = split(
      Array.from({ length: sockets }, () => null),
      Math.ceil(sockets / 500),
    );
    const result: Rounds = { before: await server.measureWhen(0), joined: [], left: [] };
    await withWorkers(slices.length, async (workers: ClientWorker[]) => {
      for (let round = 0; round < rounds; round++) {
        await Promise.all(
          workers.map((worker, index) =>
            worker.request({ type: "connect", url: server.url, users: slices[index]!, join }, "ready"),
          ),
        );
        result.joined.push(await server.measureWhen(sockets));
        await Promise.all(workers.map((worker) => worker.request({ type: "close" }, "closed")));
        result.left.push(await server.measureWhen(0));
      }
    });
    return result;
  } finally {
    server.stop();
  }
}

export async function runMemory(
  databaseUrl: string | undefined,
  options: { sockets: number },
): Promise<BenchSection> {
  const rounds = 2;
  const figures = {
    agora: await measureRounds("agora", databaseUrl, options.sockets, rounds),
    bare: await measureRounds("bare", undefined, options.sockets, rounds),
  };
  // Heap per socket from the last round (code and caches warmed up by the first, so one-time
  // costs are not charged to sockets); RSS from the first, since the allocator keeps the pages
  // the first round freed and the second reuses them without growing RSS.
  const per = (name: keyof typeof figures, field: keyof Memory) => {
    const { before, joined, left } = figures[name];
    const grown =
      field === "rss" ? joined[0]!.rss - before.rss : joined.at(-1)!.heapUsed - left.at(-2)!.heapUsed;
    return grown / options.sockets / 1024;
  };
  const growth = (name: keyof typeof figures) =>
    mib(figures[name].left.at(-1)!.heapUsed - figures[name].left[0]!.heapUsed);
  const { agora } = figures;
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
        caption: `MiB of the server's own process, after forced garbage collection; ${rounds} rounds of joining and leaving`,
        headers: ["server", "moment", "RSS", "heap used"],
        rows: [...rows("Agora", agora), ...rows("bare Socket.IO", figures.bare)],
      },
      {
        caption: "Per connected socket, KiB (RSS: first round, from a fresh process; heap: last round)",
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
      `After every socket left, Agora's heap is ${fixed(mib(agora.left.at(-1)!.heapUsed - agora.before.heapUsed))} MiB above its start ` +
        `and moved ${fixed(growth("agora"), 2)} MiB from the first round to the second ` +
        `(leak: ${Math.abs(growth("agora")) < 1 ? "none seen" : "suspected"}; RSS is not the signal, the allocator keeps freed pages).`,
    ],
  };
}
