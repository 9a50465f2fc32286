import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import postgres from "postgres";

export interface MachineInfo {
  date: string;
  commit: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  pglite: string;
}

function gitCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    // BENCHMARKS.md is the runs' own output: an earlier run not yet committed is not code.
    const dirty = execFileSync(
      "git",
      ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"],
      {
        encoding: "utf8",
      },
    ).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown";
  }
}

async function postgresVersion(url: string | undefined): Promise<string> {
  if (!url) return "not used (no DATABASE_URL)";
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? "unknown";
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await sql.end();
  }
}

export async function machineInfo(databaseUrl: string | undefined): Promise<MachineInfo> {
  const pglite = (
    JSON.parse(
      readFileSync(resolve(process.cwd(), "node_modules/@electric-sql/pglite/package.json"), "utf8"),
    ) as {
      version: string;
    }
  ).version;
  return {
    date: new Date().toISOString(),
    commit: gitCommit(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: await postgresVersion(databaseUrl),
    pglite,
  };
}
