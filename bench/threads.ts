import { fork } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openDatabase, type Database } from "../db/client";
import { loadHttp, type HttpLoad } from "./lib/http-load";
import { seedLongThread, type LongThread } from "./lib/long-thread";
import {
  buildForProduction,
  productionBuildState,
  startProductionServer,
  type ProductionServer,
  type ServerDatabase,
} from "./lib/production-server";
import type { BenchSection, Table } from "./lib/report";
import { fixed, ratio } from "./lib/stats";

/**
 * Long threads: the thread page (server-rendered HTML) or the discussion's JSON endpoint of the
 * production server, under autocannon (closed loop), on threads of growing size; baseline in
 * the same run: a bare node:http server running the same keyset query (bench/bare-thread-server.ts).
 * Both servers run in child processes; the load generator runs here.
 */
export type ThreadTarget = "page" | "json";

export interface ThreadsOptions {
  sizes: number[];
  connections: number;
  durationSeconds: number;
  /** An unrecorded run before each measured one (JIT, caches, the route's first load). */
  warmupSeconds: number;
  /** Whether a missing or stale production build may be built (never in smoke runs). */
  build: boolean;
  /** Writes a CPU profile of the Agora server there (`--cpu-prof-dir`), for finding what grows. */
  cpuProfileDir?: string;
}

/**
 * The settings (10 connections, 20 s, 100 / 10,000 / 100,000 comments), or a few
 * seconds on tiny threads for the smoke run. `--cpu-prof=<folder>` on the command line profiles
 * the Agora server.
 */
export function threadsOptions(smoke: boolean): ThreadsOptions {
  const cpuProfileDir = process.argv
    .find((arg) => arg.startsWith("--cpu-prof="))
    ?.slice("--cpu-prof=".length);
  return {
    ...(smoke
      ? { sizes: [100, 1000], durationSeconds: 1, warmupSeconds: 0, build: false }
      : { sizes: [100, 10_000, 100_000], durationSeconds: 20, warmupSeconds: 1, build: true }),
    connections: 10,
    cpuProfileDir: cpuProfileDir ? resolve(cpuProfileDir) : undefined,
  };
}

interface Measured {
  thread: LongThread;
  agora: HttpLoad | null;
  bare: HttpLoad;
  /** Comments the response carried, from a first request outside the measurement. */
  shown: number | null;
}

// Both long-thread benchmarks of one run share the threads seeded in its PostgreSQL database.
const seededByDatabase = new WeakMap<Database, Map<number, Promise<LongThread>>>();

function seedShared(db: Database, size: number): Promise<LongThread> {
  let bySize = seededByDatabase.get(db);
  if (!bySize) seededByDatabase.set(db, (bySize = new Map()));
  let seeded = bySize.get(size);
  if (!seeded) {
    seeded = seedLongThread(db, size);
    // A failed seed must not be handed to the next benchmark.
    seeded.catch(() => bySize.delete(size));
    bySize.set(size, seeded);
  }
  return seeded;
}

interface Prepared {
  threads: LongThread[];
  agora: ServerDatabase;
  bare: ServerDatabase;
  cleanup(): void;
}

/**
 * On PostgreSQL both servers read the run's scratch database. Embedded PostgreSQL admits one
 * process per data folder, so there the threads are seeded into a folder of their own, which is
 * then copied: the Agora server opens one copy, the bare server the other.
 */
async function prepare(postgres: { db: Database; url: string } | null, sizes: number[]): Promise<Prepared> {
  if (postgres) {
    const threads: LongThread[] = [];
    for (const size of sizes) threads.push(await seedShared(postgres.db, size));
    return { threads, agora: { url: postgres.url }, bare: { url: postgres.url }, cleanup: () => {} };
  }
  const folder = mkdtempSync(join(tmpdir(), "agora-bench-threads-"));
  const cleanup = () => rmSync(folder, { recursive: true, force: true });
  try {
    const agoraDir = join(folder, "agora");
    const bareDir = join(folder, "bare");
    const embedded = openDatabase({ dataDir: agoraDir });
    const threads: LongThread[] = [];
    try {
      await embedded.migrate();
      for (const size of sizes) threads.push(await seedLongThread(embedded.db, size));
    } finally {
      await embedded.close();
    }
    cpSync(agoraDir, bareDir, { recursive: true });
    return { threads, agora: { dataDir: agoraDir }, bare: { dataDir: bareDir }, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

interface BareServer {
  url: string;
  close(): Promise<void>;
}

function startBareServer(database: ServerDatabase): Promise<BareServer> {
  const child = fork(resolve(process.cwd(), "bench/bare-thread-server.ts"), [JSON.stringify(database)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.send({ type: "close" });
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((done, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error("The bare server did not start within 30 s"));
    }, 30_000);
    child.once("message", (message: { port: number }) => {
      clearTimeout(timer);
      done({ url: `http://127.0.0.1:${message.port}`, close });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The bare server exited (${code}) before listening`));
    });
  });
}

/** One request outside the measurement: it must succeed, and says how many comments it carries. */
async function firstResponse(url: string, target: ThreadTarget | "bare"): Promise<number> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  if (target === "page") return text.split('id="c-').length - 1;
  const json = JSON.parse(text) as { comments?: unknown[] } | unknown[];
  return Array.isArray(json) ? json.length : (json.comments?.length ?? 0);
}

async function measure(url: string, options: ThreadsOptions): Promise<HttpLoad> {
  const settings = { connections: options.connections };
  if (options.warmupSeconds > 0) await loadHttp(url, { ...settings, durationSeconds: options.warmupSeconds });
  return loadHttp(url, { ...settings, durationSeconds: options.durationSeconds });
}

export async function runThreads(
  target: ThreadTarget,
  postgres: { db: Database; url: string } | null,
  options: ThreadsOptions,
): Promise<BenchSection> {
  const notes: string[] = [];
  let build = productionBuildState();
  if (!build.current && options.build) {
    console.log(`${target}: ${build.detail}; running next build first.`);
    const tookMs = await buildForProduction();
    notes.push(`Built the app first (\`next build\`, ${fixed(tookMs / 1000, 0)} s, not part of any figure).`);
    build = productionBuildState();
  } else if (build.current) {
    notes.push(`Production server: ${build.detail}.`);
  }
  const agoraSkipped = build.current
    ? null
    : `Agora not measured: ${build.detail}, and smoke runs do not build (CI's npm test builds it first; locally run \`npm run build\`). Only the baseline ran.`;
  if (agoraSkipped) console.log(`${target}: ${agoraSkipped}`);

  const seedStarted = performance.now();
  const prepared = await prepare(postgres, options.sizes);
  notes.push(
    `Threads ready in ${fixed((performance.now() - seedStarted) / 1000, 1)} s ` +
      `(seeded by this benchmark, or by the other long-thread benchmark of the run on PostgreSQL).`,
  );
  let agora: ProductionServer | null = null;
  let bare: BareServer | null = null;
  const measured: Measured[] = [];
  try {
    [agora, bare] = await Promise.all([
      agoraSkipped ? null : startProductionServer(prepared.agora, { cpuProfileDir: options.cpuProfileDir }),
      startBareServer(prepared.bare),
    ]);
    for (const thread of prepared.threads) {
      const agoraUrl = agora
        ? target === "page"
          ? `${agora.url}/t/${encodeURIComponent(thread.slug)}`
          : `${agora.url}/api/threads/${thread.threadId}/discussion?discussion=general`
        : null;
      const bareUrl = `${bare.url}/discussion?thread=${thread.threadId}`;
      const shown = agoraUrl ? await firstResponse(agoraUrl, target) : null;
      await firstResponse(bareUrl, "bare");
      const agoraLoad = agoraUrl ? await measure(agoraUrl, options) : null;
      const bareLoad = await measure(bareUrl, options);
      console.log(
        `${target}: ${thread.size} comments, Agora ${agoraLoad ? perSecond(agoraLoad.requestsPerSecond) : "—"} req/s, ` +
          `bare ${perSecond(bareLoad.requestsPerSecond)} req/s`,
      );
      measured.push({ thread, agora: agoraLoad, bare: bareLoad, shown });
    }
  } finally {
    await Promise.all([agora?.close(), bare?.close()]);
    prepared.cleanup();
  }
  if (agoraSkipped) notes.push(agoraSkipped);
  return report(target, measured, options, notes);
}

/** A slow page serves under one request a second: keep a decimal there. */
const perSecond = (value: number) => fixed(value, value < 10 ? 1 : 0);

const growthOf = (value: number, first: number, lowerIsBetter: boolean) =>
  lowerIsBetter ? ratio(value, first) : ratio(first, value);

function report(
  target: ThreadTarget,
  measured: Measured[],
  options: ThreadsOptions,
  notes: string[],
): BenchSection {
  const what = target === "page" ? "thread page (HTML)" : "discussion JSON (first page, general)";
  const line = (size: number, name: string, load: HttpLoad, shown: number | null | string) => [
    size.toLocaleString("en"),
    name,
    perSecond(load.requestsPerSecond),
    fixed(load.p50),
    fixed(load.p99),
    fixed(load.bytesPerResponse / 1024),
    shown ?? "—",
    load.failures,
  ];
  const results: Table = {
    caption:
      `autocannon, ${options.connections} connections, ${options.durationSeconds} s each after a ` +
      `${options.warmupSeconds} s warm-up; latency in ms; Agora = production server (next build + server.ts)`,
    headers: ["comments", "server", "req/s", "p50", "p99", "KiB/response", "comments carried", "failures"],
    rows: measured.flatMap(({ thread, agora, bare, shown }) => [
      ...(agora ? [line(thread.size, `Agora ${what}`, agora, shown)] : []),
      line(thread.size, "bare node:http + keyset query", bare, "≤ 11 rows"),
    ]),
  };
  const tables: Table[] = [results];
  const first = measured[0];
  const growthTable = (name: string, pick: (entry: Measured) => HttpLoad | null): (string | number)[] => {
    const base = first && pick(first);
    return [
      name,
      ...measured.slice(1).flatMap((entry) => {
        const load = pick(entry);
        return load && base
          ? [
              growthOf(load.p99, base.p99, true),
              growthOf(load.requestsPerSecond, base.requestsPerSecond, false),
            ]
          : ["n/a", "n/a"];
      }),
    ];
  };
  if (measured.some((entry) => entry.agora)) {
    tables.push({
      caption: "Agora / bare (req/s: below 1 means Agora serves fewer; p99: above 1 means Agora is slower)",
      headers: ["comments", "req/s", "p50", "p99"],
      rows: measured.map(({ thread, agora, bare }) => [
        thread.size.toLocaleString("en"),
        agora ? ratio(agora.requestsPerSecond, bare.requestsPerSecond) : "n/a",
        agora ? ratio(agora.p50, bare.p50) : "n/a",
        agora ? ratio(agora.p99, bare.p99) : "n/a",
      ]),
    });
  }
  if (first && measured.length > 1) {
    const sizeOf = (entry: Measured) => entry.thread.size.toLocaleString("en");
    tables.push({
      caption:
        `Growth against the ${sizeOf(first)}-comment thread: p99 at N ÷ p99 at ${sizeOf(first)}, and time per ` +
        `request (req/s at ${sizeOf(first)} ÷ req/s at N); 1.00× means no growth`,
      headers: [
        "server",
        ...measured.slice(1).flatMap((entry) => [`p99 ${sizeOf(entry)}`, `time/request ${sizeOf(entry)}`]),
      ],
      rows: [
        ...(first.agora ? [growthTable(`Agora ${what}`, (entry) => entry.agora)] : []),
        growthTable("bare", (entry) => entry.bare),
      ],
    });
  }
  notes.push(...aimNotes(target, measured));
  const failures = measured.reduce(
    (sum, entry) => sum + (entry.agora?.failures ?? 0) + entry.bare.failures,
    0,
  );
  if (failures)
    notes.push(`${failures} failed requests (non-2xx, errors or timeouts): figures not reliable.`);
  return {
    title: target === "page" ? "Long threads: the thread page" : "Long threads: the discussion JSON endpoint",
    tables,
    notes,
  };
}

function aimNotes(target: ThreadTarget, measured: Measured[]): string[] {
  const first = measured[0];
  const last = measured.at(-1);
  if (!first?.agora || !last?.agora || first === last) return [];
  const p99 = last.agora.p99 / first.agora.p99;
  const time = first.agora.requestsPerSecond / last.agora.requestsPerSecond;
  const sizes = `${first.thread.size.toLocaleString("en")} → ${last.thread.size.toLocaleString("en")} comments`;
  const figures = `p99 ${fixed(p99, 2)}×, time per request ${fixed(time, 2)}×`;
  if (target === "json") return [`Growth ${sizes} (must stay near 1): ${figures}.`];
  const verdict = p99 <= 1.3 && time <= 1.3 ? "met" : "missed";
  return [
    `Aim: thread page at the largest size within 1.3× of the smallest (${sizes}): ${figures}: ${verdict}.`,
  ];
}
