import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client";
import { noteVersions, type NoteVersionKind } from "../../db/schema/notes";
import { users } from "../../db/schema/users";
import { AppError } from "../errors";
import * as Y from "yjs";
import type { LiveNote } from "./live-note";
import { docFromState, renderNoteHtml, renderNoteText } from "./render-note";

export interface NewNoteVersion {
  noteId: string;
  kind: NoteVersionKind;
  name?: string | null;
  state: Uint8Array;
  text: string;
  authorIds: string[];
  seq: number;
  restoredFromId?: string | null;
  createdById?: string | null;
}

export interface NoteVersionSummary {
  id: string;
  kind: NoteVersionKind;
  name: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  authors: { id: string; name: string }[];
  restoredFromId: string | null;
  /** The first lines of the version's text, for the history list. */
  excerpt: string;
}

export interface NoteVersionPage {
  versions: NoteVersionSummary[];
  /** Pass back as `before` for the next (older) page; null on the last page. */
  nextCursor: { createdAt: string; id: string } | null;
}

export async function insertNoteVersion(db: Database, version: NewNoteVersion): Promise<{ id: string }> {
  const [row] = await db
    .insert(noteVersions)
    .values({
      noteId: version.noteId,
      kind: version.kind,
      name: version.name ?? null,
      state: version.state,
      text: version.text,
      authorIds: [...new Set(version.authorIds)],
      seq: version.seq,
      restoredFromId: version.restoredFromId ?? null,
      createdById: version.createdById ?? null,
      // Millisecond precision, like the cursor a client sends back: keyset comparisons stay exact.
      createdAt: new Date(),
    })
    .returning({ id: noteVersions.id });
  if (!row) throw new AppError("internal:note_version", "La version n’a pas pu être enregistrée.");
  return row;
}

export interface VersionOfLiveNote {
  note: LiveNote;
  kind: NoteVersionKind;
  name?: string | null;
  createdById?: string | null;
  restoredFromId?: string;
}

/** Records a live note's current state as a version, with the members who edited since the last one. */
export async function takeNoteVersion(
  db: Database,
  { note, ...version }: VersionOfLiveNote,
): Promise<{ id: string }> {
  const authorIds = [...note.authorsSinceVersion];
  const state = Y.encodeStateAsUpdate(note.doc);
  note.lastVersionAt = new Date();
  note.authorsSinceVersion.clear();
  note.dirtySinceVersion = false;
  return insertNoteVersion(db, {
    noteId: note.noteId,
    ...version,
    state,
    text: renderNoteText(note.doc),
    authorIds,
    seq: note.appliedSeq,
  });
}

/** The newest version's identity and the seq its state covers, or null when there is none. */
export async function latestNoteVersion(
  db: Database,
  noteId: string,
): Promise<{ id: string; kind: NoteVersionKind; seq: number } | null> {
  const [row] = await db
    .select({ id: noteVersions.id, kind: noteVersions.kind, seq: noteVersions.seq })
    .from(noteVersions)
    .where(eq(noteVersions.noteId, noteId))
    .orderBy(desc(noteVersions.createdAt), desc(noteVersions.id))
    .limit(1);
  return row ?? null;
}

/** Names an automatic version (its state is kept as it is). */
export async function nameNoteVersion(
  db: Database,
  input: { id: string; name: string; createdById: string },
): Promise<void> {
  await db
    .update(noteVersions)
    .set({ kind: "named", name: input.name, createdById: input.createdById })
    .where(eq(noteVersions.id, input.id));
}

export async function latestNoteVersionAt(db: Database, noteId: string): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: noteVersions.createdAt })
    .from(noteVersions)
    .where(eq(noteVersions.noteId, noteId))
    .orderBy(desc(noteVersions.createdAt), desc(noteVersions.id))
    .limit(1);
  return row?.createdAt ?? null;
}

const excerptLength = 160;

/** Newest first, by keyset on (created_at, id): the page's cost does not grow with the history. */
export async function listNoteVersions(
  db: Database,
  noteId: string,
  options: { before?: { createdAt: string; id: string }; limit?: number } = {},
): Promise<NoteVersionPage> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 50);
  const before = options.before;
  const rows = await db
    .select({
      id: noteVersions.id,
      kind: noteVersions.kind,
      name: noteVersions.name,
      text: noteVersions.text,
      authorIds: noteVersions.authorIds,
      restoredFromId: noteVersions.restoredFromId,
      createdById: noteVersions.createdById,
      createdAt: noteVersions.createdAt,
    })
    .from(noteVersions)
    .where(
      and(
        eq(noteVersions.noteId, noteId),
        before
          ? or(
              lt(noteVersions.createdAt, new Date(before.createdAt)),
              and(eq(noteVersions.createdAt, new Date(before.createdAt)), lt(noteVersions.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(noteVersions.createdAt), desc(noteVersions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const names = await namesOf(
    db,
    page.flatMap((row) => [...row.authorIds, ...(row.createdById ? [row.createdById] : [])]),
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? "Membre supprimé" });
  const last = page.at(-1);
  return {
    versions: page.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdById ? person(row.createdById) : null,
      authors: row.authorIds.map(person),
      restoredFromId: row.restoredFromId,
      excerpt: row.text.slice(0, excerptLength),
    })),
    nextCursor: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}

async function namesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function getNoteVersionStateOrThrow(
  db: Database,
  noteId: string,
  versionId: string,
): Promise<{ id: string; kind: NoteVersionKind; name: string | null; state: Uint8Array; createdAt: Date }> {
  const [row] = await db
    .select({
      id: noteVersions.id,
      kind: noteVersions.kind,
      name: noteVersions.name,
      state: noteVersions.state,
      createdAt: noteVersions.createdAt,
    })
    .from(noteVersions)
    .where(and(eq(noteVersions.id, versionId), eq(noteVersions.noteId, noteId)))
    .limit(1);
  if (!row) throw new AppError("not_found:note_version", "Cette version n’existe pas ou plus.");
  return row;
}

/** A version as the history panel shows it: its text and its HTML, rendered like the note. */
export async function viewNoteVersion(
  db: Database,
  noteId: string,
  versionId: string,
): Promise<{ id: string; name: string | null; createdAt: string; html: string; text: string }> {
  const version = await getNoteVersionStateOrThrow(db, noteId, versionId);
  const doc = docFromState(version.state);
  try {
    return {
      id: version.id,
      name: version.name,
      createdAt: version.createdAt.toISOString(),
      html: renderNoteHtml(doc),
      text: renderNoteText(doc),
    };
  } finally {
    doc.destroy();
  }
}
