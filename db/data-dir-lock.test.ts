import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, dataDirOwner, lockFileFor } from "./data-dir-lock";

function freshDir() {
  return join(mkdtempSync(join(tmpdir(), "agora-lock-")), "pglite");
}

describe("the embedded data folder lock", () => {
  it("is taken with this process's pid and released", () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    expect(readFileSync(lockFileFor(dir), "utf8")).toBe(String(process.pid));
    expect(dataDirOwner(dir)).toBe(process.pid);
    release();
    expect(existsSync(lockFileFor(dir))).toBe(false);
    expect(dataDirOwner(dir)).toBeNull();
  });

  it("refuses a folder held by another live process, naming it", async () => {
    const dir = freshDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(lockFileFor(dir), String(other.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(`in use by another Agora process (pid ${other.pid})`);
      expect(readFileSync(lockFileFor(dir), "utf8")).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = freshDir();
    const other = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => other.once("exit", resolve));
    writeFileSync(lockFileFor(dir), String(other.pid));
    const release = acquireDataDirLock(dir);
    expect(dataDirOwner(dir)).toBe(process.pid);
    release();
  });
});
