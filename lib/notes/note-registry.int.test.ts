import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteUpdates, noteVersions } from "../../db/schema/notes";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { NoteRegistry } from "./note-registry";
import type { NoteSettings } from "./note-settings";
import { appendNoteUpdate, getOrCreateNoteForThread, readNoteState } from "./note-store";
import { createThread, seedNoteFixtures, waitFor } from "./note-test-kit";
import { noteField } from "./note-field";
import { renderNoteText } from "./render-note";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNoteFixtures(database.db, 0);
});
afterAll(async () => {
  await database.close();
});

async function newNote(): Promise<string> {
  return (await getOrCreateNoteForThread(database.db, await createThread(database.db))).noteId;
}

function registry(settings: Partial<NoteSettings> = {}) {
  return new NoteRegistry(database.db, settings, {
    onError: (message, cause) => console.error(message, cause),
  });
}

/** A client doc whose updates each add one word. */
function client() {
  const doc = new Y.Doc();
  const text = new Y.XmlText();
  const capture = (change: () => void) => {
    const before = Y.encodeStateVector(doc);
    change();
    return Y.encodeStateAsUpdate(doc, before);
  };
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  const first = capture(() => doc.getXmlFragment(noteField).insert(0, [paragraph]));
  return { doc, first, word: (word: string) => capture(() => text.insert(text.length, `${word} `)) };
}

async function store(notes: NoteRegistry, noteId: string, update: Uint8Array, authorId = "alice") {
  const note = notes.peek(noteId)!;
  return note.run(() => notes.storeClientUpdate(note, update, authorId));
}

describe("the note registry", () => {
  it("holds one live doc per note, shared by every holder, and drops it after the last release", async () => {
    const notes = registry();
    const noteId = await newNote();
    const [first, second] = await Promise.all([notes.acquire(noteId), notes.acquire(noteId)]);
    expect(first).toBe(second);
    expect(first.refs).toBe(2);
    const writer = client();
    expect(await store(notes, noteId, writer.first)).toMatchObject({ seq: 1 });
    expect(await store(notes, noteId, writer.first)).toBeNull();

    await notes.release(noteId);
    expect(notes.size).toBe(1);
    await notes.release(noteId);
    expect(notes.size).toBe(0);
    // The last editor leaving compacted the note: the next load reads the snapshot alone.
    const state = await readNoteState(database.db, noteId);
    expect(state).toMatchObject({ snapshotSeq: 1, updates: [] });
    const again = await notes.acquire(noteId);
    expect(again).not.toBe(first);
    expect(Y.encodeStateAsUpdate(again.doc)).toEqual(Y.encodeStateAsUpdate(writer.doc));
    await notes.close();
  });

  it("stores client updates that arrive together in one statement, and publishes them in seq order", async () => {
    const notes = registry();
    const noteId = await newNote();
    const note = await notes.acquire(noteId);
    const writers = [client(), client(), client()];
    const published: number[] = [];
    const submit = (update: Uint8Array, authorId: string) =>
      notes.submitClientUpdate(note, update, authorId, (change) => published.push(change.seq));
    const stored = await Promise.all([
      submit(writers[0]!.first, "alice"),
      submit(writers[1]!.first, "bruno"),
      submit(writers[0]!.first, "alice"),
      submit(writers[2]!.first, "modo"),
    ]);
    expect(stored.map((change) => change?.seq ?? null)).toEqual([1, 2, null, 3]);
    expect(published).toEqual([1, 2, 3]);
    const rows = await database.db
      .select({ authorId: noteUpdates.authorId, createdAt: noteUpdates.createdAt })
      .from(noteUpdates)
      .where(eq(noteUpdates.noteId, noteId))
      .orderBy(noteUpdates.seq);
    expect(rows.map((row) => row.authorId)).toEqual(["alice", "bruno", "modo"]);
    // One statement: one transaction, one now().
    expect(new Set(rows.map((row) => row.createdAt.getTime())).size).toBe(1);
    await notes.close();
  });

  it("keeps the load flat: compaction bounds the rows a load reads, whatever the history's length", async () => {
    const notes = registry({ compactAfterUpdates: 50 });
    const noteId = await newNote();
    await notes.acquire(noteId);
    const writer = client();
    await store(notes, noteId, writer.first);
    for (let index = 0; index < 400; index += 1) await store(notes, noteId, writer.word(`w${index}`));
    await notes.close();

    const afterLeave = await readNoteState(database.db, noteId);
    expect(afterLeave.updates).toHaveLength(0);
    expect(afterLeave.snapshotSeq).toBe(401);

    // While editors stay, the tail is compacted in the background as it passes 50 updates.
    const busy = registry({ compactAfterUpdates: 50 });
    await busy.acquire(noteId);
    for (let index = 0; index < 400; index += 1) await store(busy, noteId, writer.word(`x${index}`));
    await waitFor(
      async () => (await readNoteState(database.db, noteId)).updates.length < 50,
      "background compaction caught up",
    );
    const state = await readNoteState(database.db, noteId);
    expect(state.updates.length).toBeLessThan(50);
    const loaded = new Y.Doc();
    if (state.snapshot) Y.applyUpdate(loaded, state.snapshot);
    for (const { update } of state.updates) Y.applyUpdate(loaded, update);
    expect(renderNoteText(loaded)).toBe(renderNoteText(writer.doc));
    await busy.close();
  });

  it("takes automatic versions with their authors: on a timer of activity, and when the last editor leaves", async () => {
    const noteId = await newNote();
    const eager = registry({ autoVersionEveryMs: 0 });
    await eager.acquire(noteId);
    const writer = client();
    await store(eager, noteId, writer.first, "alice");
    await waitFor(async () => (await versionsOf(noteId)).length === 1, "a version after activity");
    await eager.close();

    const lazy = registry({ autoVersionEveryMs: 60 * 60_000 });
    await lazy.acquire(noteId);
    await store(lazy, noteId, writer.word("bruno"), "bruno");
    await store(lazy, noteId, writer.word("alice"), "alice");
    expect(await versionsOf(noteId)).toHaveLength(1);
    await lazy.release(noteId);
    const versions = await versionsOf(noteId);
    expect(versions).toHaveLength(2);
    const latest = versions.find((version) => version.authorIds.length === 2);
    expect(latest).toMatchObject({ kind: "auto", text: "bruno alice" });
    expect([...latest!.authorIds].sort()).toEqual(["alice", "bruno"]);
  });

  it("brings a live copy up to date with another instance's updates, fetching a missing one from the database", async () => {
    const noteId = await newNote();
    const here = registry();
    const note = await here.acquire(noteId);
    const writer = client();
    const first = await appendNoteUpdate(database.db, { noteId, update: writer.first, authorId: "bruno" });
    here.applyRemoteUpdate(noteId, { seq: first.seq, update: writer.first });
    await waitFor(() => note.appliedSeq === 1, "first remote update applied");

    // seq 2 never arrives as a message (a lost notification): seq 3 reveals the gap.
    const lost = writer.word("perdu");
    await appendNoteUpdate(database.db, { noteId, update: lost, authorId: "bruno" });
    const third = writer.word("retrouvé");
    const stored = await appendNoteUpdate(database.db, { noteId, update: third, authorId: "bruno" });
    here.applyRemoteUpdate(noteId, { seq: stored.seq, update: third });
    await waitFor(() => note.appliedSeq === 3, "the gap is filled from the database");
    expect(renderNoteText(note.doc)).toBe("perdu retrouvé");
    await here.close();
  });
});

function versionsOf(noteId: string) {
  return database.db.select().from(noteVersions).where(eq(noteVersions.noteId, noteId));
}
