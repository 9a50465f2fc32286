import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { waitFor } from "../../lib/realtime/testing";

/**
 * Agora as users get it: `server.ts` under NODE_ENV=production on a `next build`, in a child
 * process of its own (so the load generator in the benchmark's process does not share its
 * event loop), as e2e/playwright.config.ts starts it, on a loopback port.
 */
const root = process.cwd();
// Written once static generation succeeded: a failed build leaves BUILD_ID but not this.
const buildMarker = join(root, ".next/prerender-manifest.json");
const benchSecret = "bench-only-secret-bench-only-secret-0001";
/** What `next build` compiles or reads: a change to any of them makes a build stale. */
const buildInputs = [
  "app",
  "lib",
  "db",
  "public",
  "next.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0);
}

export interface BuildState {
  current: boolean;
  /** Why it is not current, or when it was built. */
  detail: string;
}

/** A production build is current when it is newer than every file it was built from. */
export function productionBuildState(): BuildState {
  if (!existsSync(buildMarker)) return { current: false, detail: "no complete production build in .next" };
  const builtAt = statSync(buildMarker).mtimeMs;
  const changed = Math.max(...buildInputs.map((input) => newestChange(join(root, input))));
  return changed > builtAt
    ? { current: false, detail: "the production build is older than the sources" }
    : { current: true, detail: `reused the production build of ${new Date(builtAt).toISOString()}` };
}

/** Runs `next build`; resolves with its wall time in milliseconds. */
export async function buildForProduction(): Promise<number> {
  const started = performance.now();
  const child = spawn(resolve(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    // Rendering at build time reads the environment, which production checks.
    env: { AUTH_SECRET: benchSecret, ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  if (code !== 0) throw new Error(`next build exited with ${code}`);
  return performance.now() - started;
}

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export interface ProductionServer {
  url: string;
  pid: number;
  close(): Promise<void>;
  /** kill -9: no shutdown, nothing flushed, as a crash or an OOM kill ends it. */
  crash(): Promise<void>;
  /** What the server printed last (stdout and stderr, the last 64 KiB). */
  output(): string;
}

export interface ProductionServerOptions {
  cpuProfileDir?: string;
  /** A fixed port, so a restarted server is found where clients reconnect to. */
  port?: number;
  /** Settings over the benchmark's own (e.g. another instance's adapter). */
  env?: Record<string, string>;
  /** Appends everything the server prints to this file too. */
  logFile?: string;
}

/** Where the server's data is: a PostgreSQL database, or an embedded data folder of its own. */
export type ServerDatabase = { url: string } | { dataDir: string };

export async function startProductionServer(
  database: ServerDatabase,
  { cpuProfileDir, port: fixedPort, env: extraEnv, logFile }: ProductionServerOptions = {},
): Promise<ProductionServer> {
  const port = fixedPort ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    AGORA_SEED_DEMO: "false",
    AUTH_SECRET: benchSecret,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // One process, one in-memory adapter, and nothing of the caller's own settings.
  delete env.REDIS_URL;
  delete env.AUTH_URL;
  if ("url" in database) {
    env.DATABASE_URL = database.url;
  } else {
    delete env.DATABASE_URL;
    env.AGORA_DATA_DIR = database.dataDir;
  }
  Object.assign(env, extraEnv);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir] : []),
      "--import",
      "tsx",
      "server.ts",
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  if (logFile) {
    const log = createWriteStream(logFile, { flags: "a" });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once("exit", () => log.end());
  }
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const url = `http://127.0.0.1:${port}`;

  const crash = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGKILL");
    await exited;
  };
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM lets server.ts close the database (and write the CPU profile, when asked).
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  };

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`server.ts exited (${child.exitCode}):\n${output}`);
        const response = await fetch(`${url}/api/health`).catch(() => null);
        return response?.ok ?? false;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: "the production server answering /api/health" },
    );
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`, { cause: error });
  }
  return { url, pid: child.pid!, close, crash, output: () => output };
}
