import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { AppError } from "../lib/errors";

/**
 * PGlite takes no lock of its own: two processes opening one data folder both succeed and
 * then corrupt it. This lock file, holding the owner's pid, makes the second one refuse.
 */
export function lockFileFor(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Returns the pid that holds the folder, or null when it is free (a stale lock counts as free). */
export function dataDirOwner(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFileFor(dataDir), "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = lockFileFor(dataDir);
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = dataDirOwner(dataDir);
      if (owner === process.pid) {
        throw new AppError("conflict:database_locked", `This process already holds ${dataDir}.`);
      }
      if (owner !== null) {
        throw new AppError(
          "conflict:database_locked",
          `The embedded database in ${dataDir} is in use by another Agora process (pid ${owner}). ` +
            `Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.`,
          { details: { pid: owner } },
        );
      }
      // The previous owner died without cleaning up: take the folder over.
      unlinkSync(lockFile);
    }
  }
  throw new AppError("conflict:database_locked", `Could not lock ${dataDir}.`);
}
