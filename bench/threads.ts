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
import type { BenchSection } from "./lib/report";
import { fixed } from "./lib/stats";
import { perSecond, reportThreads, type Measured } from "./lib/threads-report";

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
  /** True when another benchmark of this run had seeded them (on PostgreSQL). */
  reused: boolean;
  cleanup(): void;
}

/**
 * On PostgreSQL both servers read the run's scratch database. Embedded PostgreSQL admits one
 * process per data folder, so there the threads are seeded into a folder of their own, which is
 * then copied: the Agora server opens one copy, the bare server the other.
 */
async function prepare(postgres: { db: Database; url: string } | null, sizes: number[]): Promise<Prepared> {
  if (postgres) {
    const reused = sizes.every((size) => seededByDatabase.get(postgres.db)?.has(size));
    const threads: LongThread[] = [];
    for (const size of sizes) threads.push(await seedShared(postgres.db, size));
    return { threads, agora: { url: postgres.url }, bare: { url: postgres.url }, reused, cleanup: () => {} };
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
    return { threads, agora: { dataDir: agoraDir }, bare: { dataDir: bareDir }, reused: false, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

interface BareServer {
  url: string;
  pid: number;
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
      done({ url: `http://127.0.0.1:${message.port}`, pid: child.pid!, close });
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

async function measure(url: string, serverPid: number, options: ThreadsOptions): Promise<HttpLoad> {
  const settings = { connections: options.connections };
  if (options.warmupSeconds > 0) await loadHttp(url, { ...settings, durationSeconds: options.warmupSeconds });
  return loadHttp(url, { ...settings, durationSeconds: options.durationSeconds, serverPid });
}

export async function runThreads(
  target: ThreadTarget,
  postgres: { db: Database; url: string } | null,
  options: ThreadsOptions,
): Promise<BenchSection> {
  const notes: string[] = [];
  let buildMs = 0;
  let build = productionBuildState();
  if (!build.current && options.build) {
    console.log(`${target}: ${build.detail}; running next build first.`);
    buildMs = await buildForProduction();
    notes.push(
      `Built the app first (\`next build\`, ${fixed(buildMs / 1000, 0)} s, not part of any figure).`,
    );
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
  const comments = options.sizes.reduce((sum, size) => sum + size, 0).toLocaleString("en");
  notes.push(
    prepared.reused
      ? "Threads seeded by the other long-thread benchmark of this run, reused."
      : `Seeded ${comments} comments in ${fixed((performance.now() - seedStarted) / 1000, 1)} s.`,
  );
  let agora: ProductionServer | null = null;
  let bare: BareServer | null = null;
  const measured: Measured[] = [];
  try {
    // Both start at once; when one fails the other must still be closed below.
    const [agoraStart, bareStart] = await Promise.allSettled([
      agoraSkipped ? null : startProductionServer(prepared.agora, { cpuProfileDir: options.cpuProfileDir }),
      startBareServer(prepared.bare),
    ]);
    agora = agoraStart.status === "fulfilled" ? agoraStart.value : null;
    bare = bareStart.status === "fulfilled" ? bareStart.value : null;
    if (agoraStart.status === "rejected") throw agoraStart.reason;
    if (bareStart.status === "rejected") throw bareStart.reason;
    const bareUrlOf = (thread: LongThread) => `${bareStart.value.url}/discussion?thread=${thread.threadId}`;
    for (const thread of prepared.threads) {
      const agoraUrl = agora
        ? target === "page"
          ? `${agora.url}/t/${encodeURIComponent(thread.slug)}`
          : `${agora.url}/api/threads/${thread.threadId}/discussion?discussion=general`
        : null;
      const bareUrl = bareUrlOf(thread);
      const shown = agoraUrl ? await firstResponse(agoraUrl, target) : null;
      await firstResponse(bareUrl, "bare");
      const agoraLoad = agora && agoraUrl ? await measure(agoraUrl, agora.pid, options) : null;
      const bareLoad = await measure(bareUrl, bareStart.value.pid, options);
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
  return { ...reportThreads(target, measured, options, notes), setupMs: buildMs };
}
