import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { noteUpdates, notes } from "../../db/schema/notes";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { renderNoteHtml, renderNoteText } from "./render-note";

/** Who may do what to a note depends on these two locks, read fresh for every event. */
export interface NoteAccess {
  noteId: string;
  threadId: string;
  noteLocked: boolean;
  noteLockReason: string | null;
  threadLocked: boolean;
}

const noteNotFound = () => new AppError("not_found:note", "Cette synthèse n’existe pas ou plus.");

/** The thread's note, created on first use (two racing creators both get the same row). */
export async function getOrCreateNoteForThread(db: Database, threadId: string): Promise<NoteAccess> {
  const [thread] = await db
    .select({ lockedAt: threads.lockedAt })
    .from(threads)
    .where(eq(threads.id, threadId))
    .limit(1);
  if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
  await db.insert(notes).values({ threadId }).onConflictDoNothing({ target: notes.threadId });
  const [note] = await db
    .select({ id: notes.id, lockedAt: notes.lockedAt, lockReason: notes.lockReason })
    .from(notes)
    .where(eq(notes.threadId, threadId))
    .limit(1);
  if (!note) throw noteNotFound();
  return {
    noteId: note.id,
    threadId,
    noteLocked: note.lockedAt !== null,
    noteLockReason: note.lockReason,
    threadLocked: thread.lockedAt !== null,
  };
}

export async function getNoteAccessOrThrow(db: Database, noteId: string): Promise<NoteAccess> {
  const [row] = await db
    .select({
      threadId: notes.threadId,
      noteLockedAt: notes.lockedAt,
      noteLockReason: notes.lockReason,
      threadLockedAt: threads.lockedAt,
    })
    .from(notes)
    .innerJoin(threads, eq(threads.id, notes.threadId))
    .where(eq(notes.id, noteId))
    .limit(1);
  if (!row) throw noteNotFound();
  return {
    noteId,
    threadId: row.threadId,
    noteLocked: row.noteLockedAt !== null,
    noteLockReason: row.noteLockReason,
    threadLocked: row.threadLockedAt !== null,
  };
}

export interface AppendedUpdate {
  seq: number;
  snapshotSeq: number;
}

export interface AppendedUpdates {
  /** The updates got the seqs from firstSeq to lastSeq, in the order given. */
  firstSeq: number;
  lastSeq: number;
  snapshotSeq: number;
}

/**
 * Stores updates, in the order given, with consecutive seqs. The seqs come from the note row,
 * bumped under its lock in the same statement (so the same transaction) that inserts the rows,
 * so numbers are handed out in commit order across every instance. One statement, whatever
 * the count: a note's writes are serialized, so its write rate is one over this round trip
 * and its commit, and several editors' changes waiting together share them.
 */
export async function appendNoteUpdates(
  db: Database,
  input: { noteId: string; updates: { update: Uint8Array; authorId: string }[] },
): Promise<AppendedUpdates> {
  const count = input.updates.length;
  if (count === 0) throw new Error("appendNoteUpdates needs at least one update");
  const bumped = db.$with("bumped").as(
    db
      .update(notes)
      .set({ lastSeq: sql`${notes.lastSeq} + ${count}::bigint`, updatedAt: new Date() })
      .where(eq(notes.id, input.noteId))
      .returning({ lastSeq: notes.lastSeq, snapshotSeq: notes.snapshotSeq }),
  );
  const rows = sql.join(
    input.updates.map(
      ({ update, authorId }, index) => sql`(${index + 1}::bigint, ${update}::bytea, ${authorId}::text)`,
    ),
    sql`, `,
  );
  const stored = await db
    .with(bumped)
    .insert(noteUpdates)
    // In the table's column order, which the INSERT's column list follows.
    .select(
      sql`select ${input.noteId}::uuid, ${bumped.lastSeq} - ${count}::bigint + t.ord, t.update, t.author_id, now()
        from ${bumped}, (values ${rows}) as t(ord, update, author_id)`,
    )
    .returning({
      seq: noteUpdates.seq,
      snapshotSeq: sql`(select ${bumped.snapshotSeq} from ${bumped})`.mapWith(notes.snapshotSeq),
    });
  if (stored.length === 0) throw noteNotFound();
  const lastSeq = Math.max(...stored.map((row) => row.seq));
  return { firstSeq: lastSeq - count + 1, lastSeq, snapshotSeq: stored[0]!.snapshotSeq };
}

export async function appendNoteUpdate(
  db: Database,
  input: { noteId: string; update: Uint8Array; authorId: string },
): Promise<AppendedUpdate> {
  const stored = await appendNoteUpdates(db, {
    noteId: input.noteId,
    updates: [{ update: input.update, authorId: input.authorId }],
  });
  return { seq: stored.lastSeq, snapshotSeq: stored.snapshotSeq };
}

export interface StoredNoteState {
  /** null when there is no snapshot yet or the caller already holds everything it contains. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: { seq: number; update: Uint8Array; authorId: string }[];
  /** The highest seq the returned data covers. */
  lastSeq: number;
}

/**
 * What a note holds after `afterSeq`: the snapshot when it covers more than the caller has,
 * then the updates after both. One statement (the note's row, then its updates, as a UNION
 * ALL) sees one snapshot of the database, so a compaction committing meanwhile cannot delete
 * the updates between an old snapshot and the tail; and a first join waits for one round trip.
 */
export async function readNoteState(db: Database, noteId: string, afterSeq = 0): Promise<StoredNoteState> {
  const rows: { seq: number; update: Uint8Array | null; authorId: string | null }[] = await unionAll(
    // Every row is decoded with the first select's fields: plain columns decode fastest, and
    // a long log is many rows.
    db
      .select({ seq: noteUpdates.seq, update: noteUpdates.update, authorId: noteUpdates.authorId })
      .from(noteUpdates)
      .innerJoin(notes, eq(notes.id, noteUpdates.noteId))
      .where(
        and(
          eq(noteUpdates.noteId, noteId),
          gt(noteUpdates.seq, sql`greatest(${afterSeq}::bigint, ${notes.snapshotSeq})`),
        ),
      ),
    // The note's own row, told apart by its null author.
    db
      .select({
        seq: notes.snapshotSeq,
        update: sql<Uint8Array>`case when ${notes.snapshotSeq} > ${afterSeq} then ${notes.snapshot} end`,
        authorId: sql<string>`null::text`,
      })
      .from(notes)
      .where(eq(notes.id, noteId)),
    // The note's row sorts first: its snapshot_seq is below every update returned.
  ).orderBy(asc(sql`1`));
  const [note, ...tail] = rows;
  if (!note || note.authorId !== null) throw noteNotFound();
  const updates = tail.map(({ seq, update, authorId }) => ({ seq, update: update!, authorId: authorId! }));
  return {
    snapshot: note.update,
    snapshotSeq: note.seq,
    updates,
    lastSeq: updates.at(-1)?.seq ?? Math.max(afterSeq, note.seq),
  };
}

/** Applies a stored state to a document; the document may already hold part of it (Yjs merges). */
export function applyStoredState(doc: Y.Doc, state: StoredNoteState, origin?: unknown): void {
  doc.transact(() => {
    if (state.snapshot) Y.applyUpdate(doc, state.snapshot, origin);
    for (const { update } of state.updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}

export interface CompactionResult {
  /** How many update rows were merged into the snapshot (0: nothing to do). */
  merged: number;
  snapshotSeq: number;
  sizeBytes: number;
}

/**
 * Merges every update after the snapshot into it and deletes them. The merge is computed
 * without holding the note's row lock, since appends wait for that lock and so would every
 * editor's next change (for as long as applying and encoding the whole document takes): what
 * is merged never changes (stored rows are immutable, and one statement reads the snapshot
 * with every row up to a seq), and the write takes the lock for its last statement only. It
 * only lands if the snapshot is still the one merged from; otherwise another compaction
 * (another instance's) won, and this one merged nothing. The rendered text and HTML are
 * refreshed from the merged state (a newer rendering saved by the live doc meanwhile is
 * replaced until its next save, which the change that triggered this compaction scheduled).
 */
export async function compactNote(db: Database, noteId: string): Promise<CompactionResult> {
  const state = await readNoteState(db, noteId);
  const unchanged = { merged: 0, snapshotSeq: state.snapshotSeq, sizeBytes: state.snapshot?.byteLength ?? 0 };
  if (state.updates.length === 0) return unchanged;
  const doc = new Y.Doc();
  let merged: { snapshot: Uint8Array; renderedText: string; renderedHtml: string };
  try {
    applyStoredState(doc, state);
    merged = {
      snapshot: Y.encodeStateAsUpdate(doc),
      renderedText: renderNoteText(doc),
      renderedHtml: renderNoteHtml(doc),
    };
  } finally {
    doc.destroy();
  }
  const lost = Symbol("another compaction won");
  try {
    return await db.transaction(async (tx) => {
      // Deleting first keeps the note's row (which appends wait for) locked for one statement.
      await tx
        .delete(noteUpdates)
        .where(and(eq(noteUpdates.noteId, noteId), lte(noteUpdates.seq, state.lastSeq)));
      const [won] = await tx
        .update(notes)
        .set({ ...merged, snapshotSeq: state.lastSeq, renderedAt: new Date() })
        .where(and(eq(notes.id, noteId), eq(notes.snapshotSeq, state.snapshotSeq)))
        .returning({ id: notes.id });
      // Rolls the deletion back too.
      if (!won) throw lost;
      return {
        merged: state.updates.length,
        snapshotSeq: state.lastSeq,
        sizeBytes: merged.snapshot.byteLength,
      };
    });
  } catch (error) {
    if (error === lost) return unchanged;
    throw error;
  }
}

/** Saves what a live document renders to, so the page shows recent edits between compactions. */
export async function saveNoteRendering(db: Database, noteId: string, doc: Y.Doc): Promise<void> {
  await db
    .update(notes)
    .set({ renderedText: renderNoteText(doc), renderedHtml: renderNoteHtml(doc), renderedAt: new Date() })
    .where(eq(notes.id, noteId));
}
