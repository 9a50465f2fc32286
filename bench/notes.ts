import type { Database } from "../db/client";
import type { BenchSection, Table } from "./lib/report";
import { loadNotes, loadTables, measureLoads, type LoadOptions } from "./notes-load";
import { measureMemory, memoryNotes, memoryTables, type MemoryOptions } from "./notes-memory";
import {
  measurePropagation,
  propagationNotes,
  propagationTables,
  type PropagationOptions,
} from "./notes-propagation";

/**
 * Co-edited notes: load time against history length before and after compaction
 * (bench/notes-load.ts), propagation of edits among concurrent editors
 * (bench/notes-propagation.ts), server memory per open note (bench/notes-memory.ts), each
 * against a bare baseline measured in the same run.
 */
export interface NotesOptions {
  load: LoadOptions;
  propagation: PropagationOptions;
  memory: MemoryOptions;
}

export const fullNotesOptions: NotesOptions = {
  load: { histories: [100, 1000, 10_000], repeats: 15 },
  propagation: { editors: 20, historyUpdates: 1000, ratePerSecond: 5, durationMs: 15_000, workers: 2 },
  memory: { notes: 200, historyUpdates: 1000 },
};

export const smokeNotesOptions: NotesOptions = {
  load: { histories: [50, 500], repeats: 2 },
  propagation: { editors: 4, historyUpdates: 100, ratePerSecond: 5, durationMs: 2000, workers: 2 },
  memory: { notes: 20, historyUpdates: 200 },
};

export async function runNotes(db: Database, options: NotesOptions): Promise<BenchSection> {
  const tables: Table[] = [];
  const notes: string[] = [];
  // One part failing must not lose the others' figures.
  const part = async <T>(name: string, measure: () => Promise<T>, report: (result: T) => void) => {
    try {
      report(await measure());
    } catch (error) {
      console.error(`notes ${name} failed:`, error);
      notes.push(`${name}: failed (${(error as Error).message}).`);
      // Recorded in the section, and still a failure for CI's smoke run.
      process.exitCode = 1;
    }
  };
  await part(
    "Load",
    () => measureLoads(db, options.load),
    (result) => {
      tables.push(...loadTables(result, options.load.repeats));
      notes.push(...loadNotes(result));
    },
  );
  await part(
    "Propagation",
    () => measurePropagation(db, options.propagation),
    (result) => {
      tables.push(...propagationTables(result, options.propagation));
      notes.push(...propagationNotes(result));
    },
  );
  await part(
    "Memory",
    () => measureMemory(db, options.memory),
    (result) => {
      tables.push(...memoryTables(result, options.memory));
      notes.push(...memoryNotes(result));
    },
  );
  return { title: "Co-edited notes: load, propagation, memory", tables, notes };
}
