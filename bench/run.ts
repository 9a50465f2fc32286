import { openDatabase, type Database, type DatabaseConnection } from "../db/client";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { runFanout } from "./fanout";
import { machineInfo } from "./lib/machine";
import { appendRun, renderRun, renderSection, type BenchSection } from "./lib/report";
import { runMemory } from "./memory";
import { fullNotesOptions, runNotes, smokeNotesOptions } from "./notes";
import { runThreads, threadsOptions } from "./threads";
import { runWrites } from "./writes";

/**
 * `npm run bench` runs every benchmark and appends the run to BENCHMARKS.md;
 * `npm run bench -- fanout writes` runs a selection; `--smoke` runs each for a few seconds
 * with tiny sizes and appends nothing (CI runs it so the benchmarks never rot).
 */
interface Context {
  smoke: boolean;
  /** The scratch database the server uses (a pool of 10, Agora's default, on PostgreSQL). */
  db: Database;
  postgres: { db: Database; url: string } | null;
}

const benchmarks: Record<string, (context: Context) => Promise<BenchSection>> = {
  fanout: ({ smoke, db }) =>
    runFanout(
      db,
      smoke
        ? { sizes: [20], durationMs: 2000, ratePerSecond: 10 }
        : { sizes: [100, 1000, 2000], durationMs: 20_000, ratePerSecond: 10 },
    ),
  writes: async ({ smoke, postgres }) => {
    // The zero-setup path as a figure: embedded PostgreSQL in this process. Smoke skips it when
    // PostgreSQL is there (same code path, and opening PGlite costs seconds CI does not have).
    const embedded = smoke && postgres ? null : openDatabase({ dataDir: null });
    try {
      await embedded?.migrate();
      const options = smoke ? { members: 10, durationMs: 1000 } : { members: 50, durationMs: 10_000 };
      return await runWrites(postgres, embedded?.db ?? null, options);
    } finally {
      await embedded?.close();
    }
  },
  // The server runs in a process of its own, on the scratch database (or its own embedded one).
  memory: ({ smoke, postgres }) => runMemory(postgres?.url, { sockets: smoke ? 100 : 2000 }),
  // Long threads: two benchmarks (page, JSON) so that each stays under 3 minutes; see bench/README.md.
  "thread-page": ({ smoke, postgres }) => runThreads("page", postgres, threadsOptions(smoke)),
  "thread-json": ({ smoke, postgres }) => runThreads("json", postgres, threadsOptions(smoke)),
  notes: ({ smoke, db }) => runNotes(db, smoke ? smokeNotesOptions : fullNotesOptions),
};

async function main() {
  const args = process.argv.slice(2);
  const smoke = args.includes("--smoke");
  const names = args.filter((arg) => !arg.startsWith("--"));
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length) {
    console.error(
      `Unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benchmarks).join(", ")}.`,
    );
    process.exitCode = 2;
    return;
  }
  const selected = names.length ? names : Object.keys(benchmarks);
  // Read before the run: the commit and the date are those of the code measured, whatever is
  // edited while it runs.
  const machine = smoke ? null : await machineInfo(process.env.DATABASE_URL);
  const scratch: TestDatabase = await createTestDatabase();
  // Tests give a scratch database 5 connections; the server gets Agora's default of 10.
  const serverConnection: DatabaseConnection | null = scratch.url ? openDatabase({ url: scratch.url }) : null;
  const context: Context = {
    smoke,
    db: serverConnection?.db ?? scratch.db,
    postgres: serverConnection && scratch.url ? { db: serverConnection.db, url: scratch.url } : null,
  };
  const sections: BenchSection[] = [];
  try {
    for (const name of selected) {
      const started = performance.now();
      // A benchmark that fails is recorded as such; the others' figures are kept.
      const section = await benchmarks[name]!(context).catch((error: unknown): BenchSection => {
        console.error(`${name} failed:`, error);
        process.exitCode = 1;
        return { title: name, tables: [], notes: [`Failed: ${(error as Error).message}.`] };
      });
      const seconds = (ms: number) => (ms / 1000).toFixed(0);
      const setup = section.setupMs ? `, after ${seconds(section.setupMs)} s of set-up` : "";
      const took = performance.now() - started - (section.setupMs ?? 0);
      section.notes.push(`Took ${seconds(took)} s (${scratch.driver}${setup}).`);
      console.log(`\n${renderSection(section)}`);
      sections.push(section);
    }
  } finally {
    await serverConnection?.close();
    await scratch.close();
  }
  if (!machine) return;
  const command = `npm run bench${names.length ? ` -- ${names.join(" ")}` : ""}`;
  appendRun("BENCHMARKS.md", renderRun(machine, command, sections));
  console.log("Appended to BENCHMARKS.md.");
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
