import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, pingDatabase } from "./client";
import { threads } from "./schema/threads";
import { createTestDatabase } from "./testing";

// The embedded path is exercised here whatever DATABASE_URL says, so CI covers both drivers.
describe("embedded PostgreSQL (PGlite) in a data folder", () => {
  it("applies the migrations, keeps data across a restart and refuses a second opener", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "agora-pglite-")), "pglite");
    const first = openDatabase({ dataDir });
    await first.migrate();
    await first.db.insert(threads).values({ slug: "persiste", title: "Persiste", contentHash: "h1" });
    expect(() => openDatabase({ dataDir })).toThrow(/in use by another Agora process|already holds/);
    await first.close();

    const second = openDatabase({ dataDir });
    try {
      await second.migrate();
      const rows = await second.db.select({ slug: threads.slug }).from(threads);
      expect(rows).toEqual([{ slug: "persiste" }]);
    } finally {
      await second.close();
    }
  });
});

describe("the test database of this run", () => {
  it("answers the health ping and holds the migrated schema", async () => {
    const database = await createTestDatabase();
    try {
      await pingDatabase(database.db);
      expect(await database.db.select().from(threads)).toEqual([]);
      expect(database.driver).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    } finally {
      await database.close();
    }
  });

  it("fails the ping of an unreachable server instead of hanging", async () => {
    const unreachable = openDatabase({ url: "postgres://postgres@127.0.0.1:1/nowhere" });
    try {
      await expect(pingDatabase(unreachable.db, 1500)).rejects.toThrow();
    } finally {
      await unreachable.close();
    }
  });
});
