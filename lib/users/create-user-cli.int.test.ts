import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { findUserByEmail } from "./create-user";

const root = new URL("../../", import.meta.url).pathname;
const dataDir = join(mkdtempSync(join(tmpdir(), "agora-user-cli-")), "pglite");

let database: TestDatabase;
let target: Record<string, string>;
beforeAll(async () => {
  database = await createTestDatabase();
  target = database.url ? { DATABASE_URL: database.url } : { DATABASE_URL: "", AGORA_DATA_DIR: dataDir };
});
afterAll(async () => {
  await database.close();
});

function run(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/users/create-user-cli.ts", ...args], {
    cwd: root,
    env: { ...process.env, AGORA_USER_PASSWORD: "", ...target, ...env },
    input,
    encoding: "utf8",
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function lookUp(email: string) {
  const connection = database.url ? database : openDatabase({ dataDir });
  try {
    return await findUserByEmail(connection.db, email);
  } finally {
    if (connection !== database) await connection.close();
  }
}

describe("npm run user:create", () => {
  it("creates the first admin with the password from the environment", async () => {
    const result = run(["--email", "Premiere.Admin@exemple.fr", "--name", "Première", "--role", "admin"], {
      AGORA_USER_PASSWORD: "Veiller-sur-les-debats-2026",
    });
    expect(result.err).toBe("");
    expect(result.out).toMatch(/^Created admin Première <premiere\.admin@exemple\.fr> \(id .+\)\.\n$/);
    expect(result.out).not.toContain("Veiller");
    expect(await lookUp("premiere.admin@exemple.fr")).toMatchObject({ role: "admin" });
  });

  it("reads the password from standard input when it is not a terminal", async () => {
    const result = run(
      ["--email", "modo@exemple.fr", "--name", "Modo", "--role", "moderator"],
      {},
      "Garder-le-cap-2026\n",
    );
    expect(result.code).toBe(0);
    expect(await lookUp("modo@exemple.fr")).toMatchObject({ role: "moderator" });
  });

  it("refuses a weak password and a taken email with the reasons", () => {
    const weak = run(["--email", "x@exemple.fr", "--name", "X X"], { AGORA_USER_PASSWORD: "court" });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain("password: Il faut au moins 10 caractères.");
    const taken = run(["--email", "modo@exemple.fr", "--name", "Autre"], {
      AGORA_USER_PASSWORD: "Garder-le-cap-2026",
    });
    expect(taken.code).toBe(1);
    expect(taken.err).toContain("Un compte existe déjà avec cette adresse e-mail.");
  });

  it("refuses unknown roles, missing options and a password on the command line", () => {
    expect(run(["--email", "a@exemple.fr", "--name", "A A", "--role", "roi"], {}).err).toContain(
      "--role must be member, moderator or admin",
    );
    expect(run(["--name", "A A"], {}).err).toContain("--email is required");
    const argv = run(["--email", "a@exemple.fr", "--name", "A A", "--password", "Secret-2026-x"], {});
    expect(argv.code).toBe(2);
    expect(argv.err).toContain("Unknown option '--password'");
  });
});
