import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { resolve } from "node:path";
import postgres from "postgres";
import { getEnv } from "../lib/env";
import { acquireDataDirLock } from "./data-dir-lock";
import { schema } from "./schema";

/**
 * Both drivers expose the same Drizzle query builder; code is typed against the postgres.js
 * flavour and never relies on driver-specific result shapes: raw statements read their rows
 * through `executeRows` (db/rows.ts).
 */
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseConnection {
  db: Database;
  driver: "postgres" | "pglite";
  /** Where the data lives, for logs: a URL without password, a folder, or "memory". */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// Resolved from the working directory rather than this file's URL because Next bundles this
// module; the migrator only runs from server.ts, the CLIs and tests, all started at the root.
const migrationsFolder = resolve(process.cwd(), "db/migrations");

// Any constant works: it only has to be the same in every Agora process.
const migrationLockKey = 4_242_001;

export type OpenDatabaseOptions = { url: string; maxConnections?: number } | { dataDir: string | null };

export function openDatabase(options: OpenDatabaseOptions): DatabaseConnection {
  if ("url" in options) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: "agora" },
    });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      driver: "postgres",
      location: redactUrl(options.url),
      async migrate() {
        // Instances starting together must not run the same migration twice.
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(${migrationLockKey})`;
          await migratePostgres(db, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(${migrationLockKey})`;
          lock.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const release = options.dataDir ? acquireDataDirLock(options.dataDir) : () => {};
  let client: PGlite;
  try {
    client = new PGlite(options.dataDir ?? undefined);
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    location: options.dataDir ?? "memory",
    migrate: async () => {
      await migratePglite(db, { migrationsFolder });
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres";
  }
}

// One connection per process, shared by server.ts and the copy of this module inside Next's bundle.
const globalForDb = globalThis as { __agoraDatabase?: DatabaseConnection };

export function getDatabase(): DatabaseConnection {
  if (!globalForDb.__agoraDatabase) {
    const env = getEnv();
    globalForDb.__agoraDatabase = env.DATABASE_URL
      ? openDatabase({ url: env.DATABASE_URL })
      : openDatabase({ dataDir: resolve(process.cwd(), env.AGORA_DATA_DIR) });
  }
  return globalForDb.__agoraDatabase;
}

export function getDb(): Database {
  return getDatabase().db;
}

export async function closeDatabase(): Promise<void> {
  const connection = globalForDb.__agoraDatabase;
  globalForDb.__agoraDatabase = undefined;
  await connection?.close();
}

/** Whether the database answers within `timeoutMs`; for the health check. */
export async function pingDatabase(db: Database, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
