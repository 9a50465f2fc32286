import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../db/client";
import { notes } from "../db/schema/notes";
import {
  applyStoredState,
  compactNote,
  getOrCreateNoteForThread,
  readNoteState,
} from "../lib/notes/note-store";
import { createThread } from "../lib/notes/note-test-kit";
import { contentOf } from "../lib/notes/random-edits";
import { getNoteRegistry } from "../lib/realtime/notes-handler";
import { startBareNoteServer } from "./lib/bare-note-server";
import { split, withWorkers, type ClientWorker } from "./lib/client-fleet";
import { storeHistory, typedHistory } from "./lib/note-history";
import type {
  EditRecord,
  EditorReport,
  NoteWorkerCommand,
  NoteWorkerReply,
} from "./lib/note-worker-protocol";
import type { Table } from "./lib/report";
import { createMembers, startAgoraServer } from "./lib/servers";
import { fixed, ratio, summarize, type Summary } from "./lib/stats";

/**
 * Propagation: N editors in worker processes, each typing at a steady rate into one note
 * through the real server; the time from an edit made in one editor's Y.Doc to its arrival in
 * every other editor's. The note already holds a compacted history, as a synthesis does after
 * a few sessions, so the compactions during the session merge into a real document. Baseline:
 * the same editors, the same typing, y-protocols updates relayed by a bare Socket.IO server
 * (bench/lib/bare-note-server.ts) that hands out the same starting state, in the same run.
 */
export interface PropagationOptions {
  editors: number;
  /** Length of the typed history the note holds (compacted) before the session. */
  historyUpdates: number;
  ratePerSecond: number;
  durationMs: number;
  workers: number;
}

export interface PropagationResult {
  latency: Summary;
  edits: number;
  missing: number;
  converged: boolean;
  disconnects: number;
  /** Agora only: updates stored (the provider merges what is typed while a batch awaits its ack). */
  stored: number | null;
  /** Agora only: whether what PostgreSQL holds is what the editors show. */
  storedMatches: boolean | null;
}

const now = () => performance.timeOrigin + performance.now();

/** First recorded arrival at or after `clock`, by binary search (arrivals only grow). */
function arrivalOf(arrivals: [number, number][], clock: number): number | null {
  let [low, high] = [0, arrivals.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (arrivals[middle]![0] >= clock) high = middle;
    else low = middle + 1;
  }
  return arrivals[low]?.[1] ?? null;
}

function latencies(edits: EditRecord[], reports: EditorReport[]) {
  const samples: number[] = [];
  let missing = 0;
  for (const report of reports) {
    for (const edit of edits) {
      if (edit.clientId === report.clientId) continue;
      const at = arrivalOf(report.advances[edit.clientId] ?? [], edit.clock);
      if (at === null) missing++;
      else samples.push(at - edit.at);
    }
  }
  return { latency: summarize(samples), missing };
}

type NoteWorker = ClientWorker<NoteWorkerCommand, NoteWorkerReply>;

async function session(
  url: string,
  server: "agora" | "bare",
  editors: { userId: string; threadId: string }[],
  options: PropagationOptions,
) {
  const slices = split(editors, options.workers);
  return withWorkers<{ edits: EditRecord[]; reports: EditorReport[] }, NoteWorkerCommand, NoteWorkerReply>(
    slices.length,
    async (workers: NoteWorker[]) => {
      await Promise.all(
        workers.map((worker, index) =>
          worker.request({ type: "open", url, server, editors: slices[index]! }, "ready", 120_000),
        ),
      );
      const startAt = now() + 300;
      let firstIndex = 0;
      const typed = await Promise.all(
        workers.map((worker, index) => {
          const command: NoteWorkerCommand = {
            type: "type",
            ratePerSecond: options.ratePerSecond,
            durationMs: options.durationMs,
            startAt,
            firstIndex,
            totalEditors: editors.length,
            seed: 11,
          };
          firstIndex += slices[index]!.length;
          return worker.request(command, "typed", options.durationMs + 60_000);
        }),
      );
      const edits = typed.flatMap((reply) => reply.edits);
      const expected: Record<string, number> = {};
      for (const edit of edits) expected[edit.clientId] = Math.max(expected[edit.clientId] ?? 0, edit.clock);
      const settled = await Promise.all(
        workers.map((worker) =>
          worker.request({ type: "settle", expected, timeoutMs: 30_000 }, "settled", 60_000),
        ),
      );
      await Promise.all(workers.map((worker) => worker.request({ type: "close" }, "closed")));
      return { edits, reports: settled.flatMap((reply) => reply.editors) };
    },
    "bench/note-worker.ts",
  );
}

function summarizeSession(
  { edits, reports }: { edits: EditRecord[]; reports: EditorReport[] },
  stored: { count: number; content: string } | null,
): PropagationResult {
  const contents = new Set(reports.map((report) => report.content));
  return {
    ...latencies(edits, reports),
    edits: edits.length,
    converged: contents.size === 1 && reports.every((report) => report.settled),
    disconnects: reports.reduce((sum, report) => sum + report.disconnects, 0),
    stored: stored?.count ?? null,
    storedMatches: stored ? contents.size === 1 && contents.has(stored.content) : null,
  };
}

export async function measurePropagation(db: Database, options: PropagationOptions) {
  const members = await createMembers(db, options.editors, "note-editor");
  const threadId = await createThread(db);
  const editors = members.map((userId) => ({ userId, threadId }));
  const history = typedHistory(options.historyUpdates, { seed: 3 });
  const { noteId } = await getOrCreateNoteForThread(db, threadId);
  await storeHistory(db, noteId, history, members);
  await compactNote(db, noteId);

  const agoraServer = await startAgoraServer(db);
  let agora: PropagationResult;
  try {
    const run = await session(agoraServer.url, "agora", editors, options);
    const doc = new Y.Doc();
    applyStoredState(doc, await readNoteState(db, noteId));
    const [row] = await db.select({ lastSeq: notes.lastSeq }).from(notes).where(eq(notes.id, noteId));
    agora = summarizeSession(run, {
      count: (row?.lastSeq ?? 0) - options.historyUpdates,
      content: contentOf(doc),
    });
    doc.destroy();
  } finally {
    await agoraServer.close();
    // The last editor out compacts the note: let it finish before the database goes.
    await getNoteRegistry(agoraServer.io)?.close();
  }
  const bareServer = await startBareNoteServer(history.state);
  let bare: PropagationResult;
  try {
    bare = summarizeSession(await session(bareServer.url, "bare", editors, options), null);
  } finally {
    await bareServer.close();
  }
  console.log(
    `notes propagation: Agora p99 ${fixed(agora.latency.p99)} ms, bare ${fixed(bare.latency.p99)} ms`,
  );
  return { agora, bare };
}

const row = (name: string, result: PropagationResult) => [
  name,
  result.edits,
  result.stored ?? "—",
  fixed(result.latency.p50),
  fixed(result.latency.p95),
  fixed(result.latency.p99),
  fixed(result.latency.max),
  result.missing,
  result.converged ? "yes" : "NO",
];

export function propagationTables(
  { agora, bare }: { agora: PropagationResult; bare: PropagationResult },
  options: PropagationOptions,
): Table[] {
  return [
    {
      caption:
        `${options.editors} editors over ${options.workers} worker processes, each typing ` +
        `${options.ratePerSecond} edits/s for ${options.durationMs / 1000} s into a note holding a compacted ` +
        `${options.historyUpdates}-update history; edit → arrival in every other editor's doc, ms`,
      headers: ["server", "edits", "stored", "p50", "p95", "p99", "max", "missing", "converged"],
      rows: [row("Agora", agora), row("bare Socket.IO relay", bare)],
    },
    {
      caption: "Agora / bare",
      headers: ["p50", "p95", "p99", "max"],
      rows: [
        [
          ratio(agora.latency.p50, bare.latency.p50),
          ratio(agora.latency.p95, bare.latency.p95),
          ratio(agora.latency.p99, bare.latency.p99),
          ratio(agora.latency.max, bare.latency.max),
        ],
      ],
    },
  ];
}

export function propagationNotes({ agora, bare }: { agora: PropagationResult; bare: PropagationResult }) {
  const clean = (result: PropagationResult) =>
    result.missing === 0 && result.converged && result.disconnects === 0 && result.storedMatches !== false;
  return [
    `Propagation p99 with ${agora.edits ? "every editor typing" : "no edits"}: Agora ${fixed(agora.latency.p99)} ms, ` +
      `bare relay ${fixed(bare.latency.p99)} ms (${ratio(agora.latency.p99, bare.latency.p99)}).`,
    `No lost update and every editor identical at the end: Agora ${clean(agora) ? "yes" : "NO"}` +
      `${agora.storedMatches ? " (and equal to what PostgreSQL holds)" : ""}, bare ${clean(bare) ? "yes" : "NO"}` +
      `${agora.disconnects + bare.disconnects ? `; ${agora.disconnects + bare.disconnects} editors disconnected` : ""}.`,
  ];
}
