import * as Y from "yjs";
import type { Database } from "../db/client";
import { notes } from "../db/schema/notes";
import { threads } from "../db/schema/threads";
import { NoteRegistry } from "../lib/notes/note-registry";
import { getNoteRegistry } from "../lib/realtime/notes-handler";
import { waitFor } from "../lib/realtime/testing";
import { withWorkers } from "./lib/client-fleet";
import { typedHistory } from "./lib/note-history";
import type { NoteWorkerCommand, NoteWorkerReply } from "./lib/note-worker-protocol";
import type { Table } from "./lib/report";
import { createMembers, startAgoraServer } from "./lib/servers";
import { fixed, ratio } from "./lib/stats";
import { settledMemory } from "./lib/settled-memory";

/**
 * Server memory per open note (RSS and heap of this process after forced GC): K notes of the
 * same content loaded through a NoteRegistry, then K notes each opened by one editor over a
 * socket (the server's own registry, a membership and an awareness state each), and what
 * remains once they are closed. Baseline: K bare Y.Docs holding the same content.
 */
export interface MemoryOptions {
  notes: number;
  /** Length of the typed history whose merged state every note holds. */
  historyUpdates: number;
}

interface Footprint {
  rss: number;
  heapUsed: number;
}

export interface MemoryResult {
  snapshotBytes: number;
  /** Per note, in bytes: loaded minus before. */
  registry: Footprint;
  bare: Footprint;
  withEditor: Footprint;
  /** Heap above the start once every note closed, in bytes (all notes, not per note). */
  registryLeft: number;
  editorsLeft: number;
}

const perItem = (after: Footprint, before: Footprint, count: number): Footprint => ({
  rss: (after.rss - before.rss) / count,
  heapUsed: (after.heapUsed - before.heapUsed) / count,
});

/** `count` threads and their notes, each note compacted to `state` (a snapshot and no log). */
async function createNotes(db: Database, count: number, state: Uint8Array, seq: number) {
  const key = crypto.randomUUID().slice(0, 8);
  const threadRows = await db
    .insert(threads)
    .values(
      Array.from({ length: count }, (_, index) => ({
        slug: `memoire-${key}-${index}`,
        title: "Une discussion",
        contentHash: `memoire-${key}-${index}`,
      })),
    )
    .returning({ id: threads.id });
  return db
    .insert(notes)
    .values(threadRows.map(({ id }) => ({ threadId: id, snapshot: state, snapshotSeq: seq, lastSeq: seq })))
    .returning({ noteId: notes.id, threadId: notes.threadId });
}

async function registryFootprint(db: Database, noteIds: string[]) {
  const before = settledMemory();
  const registry = new NoteRegistry(db);
  for (let start = 0; start < noteIds.length; start += 20)
    await Promise.all(noteIds.slice(start, start + 20).map((noteId) => registry.acquire(noteId)));
  const loaded = settledMemory();
  if (registry.size !== noteIds.length) throw new Error(`${registry.size} of ${noteIds.length} notes live`);
  await registry.close();
  return {
    perNote: perItem(loaded, before, noteIds.length),
    left: settledMemory().heapUsed - before.heapUsed,
  };
}

function bareFootprint(state: Uint8Array, count: number): Footprint {
  const before = settledMemory();
  const docs = Array.from({ length: count }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  });
  const loaded = settledMemory();
  for (const doc of docs) doc.destroy();
  return perItem(loaded, before, docs.length);
}

async function editorFootprint(db: Database, threadIds: string[]) {
  const members = await createMembers(db, 10, "note-reader");
  const server = await startAgoraServer(db);
  try {
    const before = settledMemory();
    const { loaded, left } = await withWorkers<
      { loaded: Footprint; left: number },
      NoteWorkerCommand,
      NoteWorkerReply
    >(
      1,
      async ([worker]) => {
        const editors = threadIds.map((threadId, index) => ({
          userId: members[index % members.length]!,
          threadId,
        }));
        await worker!.request({ type: "open", url: server.url, server: "agora", editors }, "ready", 120_000);
        const registry = getNoteRegistry(server.io);
        await waitFor(() => registry?.size === threadIds.length, {
          timeoutMs: 30_000,
          message: "every note live",
        });
        const loadedMemory = settledMemory();
        await worker!.request({ type: "close" }, "closed");
        await waitFor(() => registry?.size === 0 && server.io.engine.clientsCount === 0, {
          timeoutMs: 30_000,
          message: "every note closed",
        });
        return { loaded: loadedMemory, left: settledMemory().heapUsed - before.heapUsed };
      },
      "bench/note-worker.ts",
    );
    return { perNote: perItem(loaded, before, threadIds.length), left };
  } finally {
    await server.close();
    await getNoteRegistry(server.io)?.close();
  }
}

export async function measureMemory(db: Database, options: MemoryOptions): Promise<MemoryResult> {
  const history = typedHistory(options.historyUpdates, { seed: 5 });
  const loadedNotes = await createNotes(db, options.notes, history.state, options.historyUpdates);
  const editedNotes = await createNotes(db, options.notes, history.state, options.historyUpdates);
  const registry = await registryFootprint(
    db,
    loadedNotes.map(({ noteId }) => noteId),
  );
  const bare = bareFootprint(history.state, options.notes);
  const withEditor = await editorFootprint(
    db,
    editedNotes.map(({ threadId }) => threadId),
  );
  console.log(`notes memory: ${fixed(registry.perNote.heapUsed / 1024)} KiB heap per loaded note`);
  return {
    snapshotBytes: history.state.byteLength,
    registry: registry.perNote,
    bare,
    withEditor: withEditor.perNote,
    registryLeft: registry.left,
    editorsLeft: withEditor.left,
  };
}

const kib = (bytes: number) => fixed(bytes / 1024);
const mib = (bytes: number) => fixed(bytes / 2 ** 20);

export function memoryTables(result: MemoryResult, options: MemoryOptions): Table[] {
  return [
    {
      caption:
        `${options.notes} notes open, each holding the merged state of a ${options.historyUpdates}-update history ` +
        `(${kib(result.snapshotBytes)} KiB encoded); KiB per note, after forced GC`,
      headers: ["what", "heap per note", "RSS per note", "heap / bare Y.Doc"],
      rows: [
        ["bare Y.Doc", kib(result.bare.heapUsed), kib(result.bare.rss), "1.00×"],
        [
          "Agora, loaded through NoteRegistry",
          kib(result.registry.heapUsed),
          kib(result.registry.rss),
          ratio(result.registry.heapUsed, result.bare.heapUsed),
        ],
        [
          "Agora, one editor's socket each",
          kib(result.withEditor.heapUsed),
          kib(result.withEditor.rss),
          ratio(result.withEditor.heapUsed, result.bare.heapUsed),
        ],
      ],
    },
  ];
}

export function memoryNotes(result: MemoryResult): string[] {
  return [
    `After every note closed, heap is ${mib(result.registryLeft)} MiB above its start (registry alone) and ` +
      `${mib(result.editorsLeft)} MiB (with editors' sockets): the leak signal (RSS keeps freed pages).`,
  ];
}
