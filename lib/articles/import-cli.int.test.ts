import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { listThreads } from "../threads/list-threads";

const root = new URL("../../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "agora-cli-"));

function runImport(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/articles/import-cli.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

let database: TestDatabase;
let target: Record<string, string | undefined>;
beforeAll(async () => {
  database = await createTestDatabase();
  // On embedded PostgreSQL the CLI needs a data folder of its own, not the in-memory test one.
  target = database.url
    ? { DATABASE_URL: database.url }
    : { DATABASE_URL: "", AGORA_DATA_DIR: join(work, "pglite") };
});
afterAll(async () => {
  await database.close();
});

describe("npm run import", () => {
  const file = join(work, "billets.txt");
  writeFileSync(
    file,
    "Un billet du blog\r\n\r\n• Premier point\r\n• Second point\r\n\r\nVia Le Blog https://exemple.fr/b\r\n",
  );

  it("imports a file that is not the demo file, then skips it the second time", () => {
    const first = runImport([file], target);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain('created  "Un billet du blog" → /t/un-billet-du-blog (2 takeaways)');
    const second = runImport([file], target);
    expect(second.code).toBe(0);
    expect(second.out).toContain('skipped  "Un billet du blog" (already imported as /t/un-billet-du-blog)');
  });

  it("refuses a title another thread already has, unless --allow-duplicate-title says to publish it", () => {
    const other = join(work, "meme-titre.txt");
    writeFileSync(other, "Un billet du blog\n\n- Un autre point de vue\n\nVia\n");
    const refused = runImport([other], target);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("/t/un-billet-du-blog");
    expect(refused.err).toContain("--allow-duplicate-title");
    expect(refused.out).not.toContain("created");
    const allowed = runImport(["--allow-duplicate-title", other], target);
    expect(allowed.err).toBe("");
    expect(allowed.out).toContain('created  "Un billet du blog" → /t/un-billet-du-blog-2');
  });

  it("lands in the database the server reads", async () => {
    const connection = database.url ? database : openDatabase({ dataDir: join(work, "pglite") });
    try {
      const { threads } = await listThreads(connection.db);
      expect(threads.map((thread) => thread.slug)).toContain("un-billet-du-blog");
    } finally {
      if (connection !== database) await connection.close();
    }
  });

  it("names the line of a bad file and writes nothing", () => {
    const bad = join(work, "mauvais.txt");
    writeFileSync(bad, "\n- un point sans titre\n");
    const result = runImport([bad], target);
    expect(result.code).toBe(1);
    expect(result.err).toContain("mauvais.txt:2: Ligne 2");
  });

  it("explains its usage when given no file", () => {
    const result = runImport([], target);
    expect(result.code).toBe(2);
    expect(result.err).toContain("name at least one article file");
    expect(result.err).toContain("Usage: npm run import");
  });

  it("refuses an embedded data folder held by a running server", () => {
    const dataDir = join(work, "held");
    const holder = openDatabase({ dataDir });
    try {
      const result = runImport([file], { DATABASE_URL: "", AGORA_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.err).toContain(`in use by another Agora process (pid ${process.pid})`);
    } finally {
      void holder.close();
    }
  });
});
