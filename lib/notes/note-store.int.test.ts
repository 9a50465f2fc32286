import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteUpdates, notes } from "../../db/schema/notes";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import {
  appendNoteUpdate,
  applyStoredState,
  compactNote,
  getNoteAccessOrThrow,
  getOrCreateNoteForThread,
  readNoteState,
} from "./note-store";
import { createThread, seedNoteFixtures } from "./note-test-kit";
import { noteField } from "./note-field";
import { renderNoteText } from "./render-note";

let database: TestDatabase;
let threadId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ threadId } = await seedNoteFixtures(database.db, 0));
});
afterAll(async () => {
  await database.close();
});

/** A writer whose updates each append one word to one paragraph. */
function writer() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(noteField);
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  const first = captureUpdate(doc, () => fragment.insert(0, [paragraph]));
  return {
    doc,
    first,
    word: (word: string) => captureUpdate(doc, () => text.insert(text.length, `${word} `)),
  };
}

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

function loadText(state: Awaited<ReturnType<typeof readNoteState>>): string {
  const doc = new Y.Doc();
  applyStoredState(doc, state);
  return renderNoteText(doc);
}

async function newNote(): Promise<string> {
  return (await getOrCreateNoteForThread(database.db, await createThread(database.db))).noteId;
}

describe("note persistence", () => {
  it("creates one note per thread, lazily, even when asked twice at once", async () => {
    const [first, second] = await Promise.all([
      getOrCreateNoteForThread(database.db, threadId),
      getOrCreateNoteForThread(database.db, threadId),
    ]);
    expect(first.noteId).toBe(second.noteId);
    expect(await getNoteAccessOrThrow(database.db, first.noteId)).toEqual({
      noteId: first.noteId,
      threadId,
      noteLocked: false,
      noteLockReason: null,
      threadLocked: false,
    });
    await expect(
      getOrCreateNoteForThread(database.db, "6f1d7c4e-3b8a-4d2e-9f10-1234567890ab"),
    ).rejects.toThrow("Cette discussion n’existe pas ou plus.");
  });

  it("hands out consecutive seqs to concurrent appends and loads the document back", async () => {
    const noteId = await newNote();
    const author = writer();
    await appendNoteUpdate(database.db, { noteId, update: author.first, authorId: "alice" });
    const words = Array.from({ length: 20 }, (_, index) => `mot${index}`);
    const updates = words.map((word) => author.word(word));
    const seqs = await Promise.all(
      updates.map((update) => appendNoteUpdate(database.db, { noteId, update, authorId: "alice" })),
    );
    expect(seqs.map(({ seq }) => seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    const state = await readNoteState(database.db, noteId);
    expect(state).toMatchObject({ snapshot: null, snapshotSeq: 0, lastSeq: 21 });
    expect(state.updates).toHaveLength(21);
    expect(loadText(state)).toBe(renderNoteText(author.doc));
    expect((await readNoteState(database.db, noteId, 15)).updates.map(({ seq }) => seq)).toEqual([
      16, 17, 18, 19, 20, 21,
    ]);
  });

  it("compacts the tail into the snapshot, so a load reads one row plus what came after", async () => {
    const noteId = await newNote();
    const author = writer();
    await appendNoteUpdate(database.db, { noteId, update: author.first, authorId: "alice" });
    for (let index = 0; index < 300; index += 1) {
      await appendNoteUpdate(database.db, { noteId, update: author.word(`w${index}`), authorId: "bruno" });
    }
    expect((await readNoteState(database.db, noteId)).updates).toHaveLength(301);

    const result = await compactNote(database.db, noteId);
    expect(result).toMatchObject({ merged: 301, snapshotSeq: 301 });
    expect(await compactNote(database.db, noteId)).toMatchObject({ merged: 0, snapshotSeq: 301 });
    const rows = await database.db.select().from(noteUpdates).where(eq(noteUpdates.noteId, noteId));
    expect(rows).toHaveLength(0);
    const [note] = await database.db.select().from(notes).where(eq(notes.id, noteId));
    expect(note?.renderedText).toBe(renderNoteText(author.doc));
    expect(note?.renderedHtml).toMatch(/^<p>w0 w1 w2 .* w299 <\/p>$/);

    for (let index = 0; index < 3; index += 1) {
      await appendNoteUpdate(database.db, {
        noteId,
        update: author.word(`après${index}`),
        authorId: "alice",
      });
    }
    const state = await readNoteState(database.db, noteId);
    expect(state.snapshot).not.toBeNull();
    expect(state.updates.map(({ seq }) => seq)).toEqual([302, 303, 304]);
    expect(loadText(state)).toBe(renderNoteText(author.doc));
    // A caller already holding everything up to the snapshot is not sent it again.
    const tail = await readNoteState(database.db, noteId, 302);
    expect(tail).toMatchObject({ snapshot: null, lastSeq: 304 });
    expect(tail.updates).toHaveLength(2);
  });

  it("lets one of two racing compactions land, and the appends made meanwhile stay in the log", async () => {
    const noteId = await newNote();
    const author = writer();
    await appendNoteUpdate(database.db, { noteId, update: author.first, authorId: "alice" });
    for (let index = 0; index < 50; index += 1) {
      await appendNoteUpdate(database.db, { noteId, update: author.word(`w${index}`), authorId: "bruno" });
    }
    const [first, second] = await Promise.all([
      compactNote(database.db, noteId),
      compactNote(database.db, noteId),
      appendNoteUpdate(database.db, { noteId, update: author.word("pendant"), authorId: "alice" }),
    ]);
    // However they interleave, every update is merged once (or left in the log), never twice.
    const merged = first!.merged + second!.merged;
    expect(merged).toBeGreaterThanOrEqual(51);
    expect(merged).toBeLessThanOrEqual(52);
    const state = await readNoteState(database.db, noteId);
    expect(state.snapshotSeq + state.updates.length).toBe(52);
    expect(loadText(state)).toBe(renderNoteText(author.doc));
  });

  it("refuses to read or append to a note that does not exist", async () => {
    const missing = "6f1d7c4e-3b8a-4d2e-9f10-1234567890ab";
    await expect(readNoteState(database.db, missing)).rejects.toThrow("Cette synthèse n’existe pas ou plus.");
    await expect(
      appendNoteUpdate(database.db, { noteId: missing, update: new Uint8Array([1]), authorId: "alice" }),
    ).rejects.toThrow("Cette synthèse n’existe pas ou plus.");
  });

  it("keeps bytes intact through the bytea column", async () => {
    const noteId = await newNote();
    const bytes = new Uint8Array(256).map((_, index) => index);
    await appendNoteUpdate(database.db, { noteId, update: bytes, authorId: "alice" });
    const [row] = await database.db.select().from(noteUpdates).where(eq(noteUpdates.noteId, noteId));
    expect(row?.update).toBeInstanceOf(Uint8Array);
    expect([...row!.update]).toEqual([...bytes]);
  });
});
