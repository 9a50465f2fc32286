import postgres from "postgres";
import { getEnv } from "../lib/env";
import { openDatabase, type DatabaseConnection } from "./client";

export interface TestDatabase extends DatabaseConnection {
  /** The URL of the fresh PostgreSQL database, or undefined on embedded PostgreSQL. */
  url: string | undefined;
}

const localHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Tests create and drop databases: refuse anything that is not on this machine. */
function assertLocal(url: URL) {
  if (!localHosts.has(url.hostname)) {
    throw new Error(`Tests only run against a local PostgreSQL; DATABASE_URL points at ${url.hostname}.`);
  }
}

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server of
 * DATABASE_URL when set (dropped on close), an in-memory embedded PostgreSQL otherwise.
 * Files never share data, so they can run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = getEnv().DATABASE_URL;
  if (!serverUrl) {
    const connection = openDatabase({ dataDir: null });
    await connection.migrate();
    return { ...connection, url: undefined };
  }

  const base = new URL(serverUrl);
  assertLocal(base);
  const name = `agora_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const connection = openDatabase({ url: url.toString(), maxConnections: 5 });
  await connection.migrate();
  return {
    ...connection,
    url: url.toString(),
    async close() {
      await connection.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
