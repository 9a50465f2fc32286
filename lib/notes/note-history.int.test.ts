import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notes as notesTable } from "../../db/schema/notes";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { loadActor } from "../auth/actor";
import type { Actor } from "../auth/authorization";
import { setNoteLock } from "./lock-note";
import { restoreNoteVersion, saveNamedNoteVersion } from "./note-history";
import { NoteRegistry } from "./note-registry";
import { getOrCreateNoteForThread, readNoteState } from "./note-store";
import { createThread, people, seedNoteFixtures } from "./note-test-kit";
import { listNoteVersions, viewNoteVersion } from "./note-versions";
import { noteField } from "./note-field";
import { renderNoteText } from "./render-note";

let database: TestDatabase;
let alice: Actor;
let modo: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedNoteFixtures(database.db, 0);
  alice = (await loadActor(database.db, people.alice.id))!;
  modo = (await loadActor(database.db, people.modo.id))!;
});
afterAll(async () => {
  await database.close();
});

async function newNote(): Promise<string> {
  return (await getOrCreateNoteForThread(database.db, await createThread(database.db))).noteId;
}

/** Replaces the note's content with paragraphs, as an editor would, through the registry. */
async function writeParagraphs(notes: NoteRegistry, noteId: string, lines: string[], authorId = "alice") {
  await notes.withNote(noteId, (note) =>
    note.run(async () => {
      await notes.storeEdit(
        note,
        (doc) => {
          const fragment = doc.getXmlFragment(noteField);
          fragment.delete(0, fragment.length);
          fragment.insert(
            0,
            lines.map((line) => {
              const paragraph = new Y.XmlElement("paragraph");
              paragraph.insert(0, [new Y.XmlText(line)]);
              return paragraph;
            }),
          );
        },
        authorId,
      );
    }),
  );
}

async function storedText(noteId: string): Promise<string> {
  const state = await readNoteState(database.db, noteId);
  const doc = new Y.Doc();
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot);
  for (const { update } of state.updates) Y.applyUpdate(doc, update);
  return renderNoteText(doc);
}

describe("note history", () => {
  it("restores a named version as a new edit on top, and the history keeps both states", async () => {
    const notes = new NoteRegistry(database.db, { autoVersionEveryMs: 60 * 60_000 });
    const noteId = await newNote();
    // An editor keeps the note open throughout, as in a live session.
    const live = await notes.acquire(noteId);
    await writeParagraphs(notes, noteId, ["Le paragraphe à garder", "Un second point"]);
    const { versionId } = await saveNamedNoteVersion(database.db, notes, alice, {
      noteId,
      name: "Avant la réécriture",
    });
    await writeParagraphs(notes, noteId, ["Tout a été réécrit"], "bruno");
    expect(await storedText(noteId)).toBe("Tout a été réécrit");

    const restored = await restoreNoteVersion(database.db, notes, alice, { noteId, versionId });
    expect(restored.change).not.toBeNull();
    expect(renderNoteText(live.doc)).toBe("Le paragraphe à garder\nUn second point");
    expect(await storedText(noteId)).toBe("Le paragraphe à garder\nUn second point");
    await notes.release(noteId);

    const { versions } = await listNoteVersions(database.db, noteId);
    expect(versions.map(({ kind, name }) => ({ kind, name }))).toEqual([
      { kind: "restore", name: null },
      { kind: "auto", name: null },
      { kind: "named", name: "Avant la réécriture" },
    ]);
    const [restore, before, named] = versions;
    expect(restore).toMatchObject({
      restoredFromId: versionId,
      createdBy: { id: "alice", name: "Alice Martin" },
    });
    expect(before).toMatchObject({
      excerpt: "Tout a été réécrit",
      authors: [{ id: "bruno", name: "Bruno Petit" }],
    });
    expect(named).toMatchObject({ createdBy: { name: "Alice Martin" }, authors: [{ id: "alice" }] });

    const viewed = await viewNoteVersion(database.db, noteId, before!.id);
    expect(viewed).toMatchObject({ text: "Tout a été réécrit", html: "<p>Tout a été réécrit</p>" });
  });

  it("pages the history newest first by keyset", async () => {
    const notes = new NoteRegistry(database.db);
    const noteId = await newNote();
    await notes.acquire(noteId);
    for (let index = 1; index <= 5; index += 1) {
      // A version is only taken of a state the previous one does not hold.
      await writeParagraphs(notes, noteId, [`v${index}`]);
      await saveNamedNoteVersion(database.db, notes, alice, { noteId, name: `Version ${index}` });
    }
    const names: (string | null)[] = [];
    let before: { createdAt: string; id: string } | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await listNoteVersions(database.db, noteId, { before, limit: 2 });
      names.push(...result.versions.map((version) => version.name));
      if (!result.nextCursor) break;
      before = result.nextCursor;
    }
    expect(names).toEqual(["Version 5", "Version 4", "Version 3", "Version 2", "Version 1"]);
  });

  it("refuses saving and restoring to guests and on a locked note, which moderators lock and unlock", async () => {
    const notes = new NoteRegistry(database.db);
    const noteId = await newNote();
    await writeParagraphs(notes, noteId, ["texte"]);
    const { versionId } = await saveNamedNoteVersion(database.db, notes, alice, { noteId, name: "v1" });
    await expect(restoreNoteVersion(database.db, notes, null, { noteId, versionId })).rejects.toMatchObject({
      code: "unauthorized:sign_in",
    });

    await expect(setNoteLock(database.db, alice, { noteId, locked: true })).rejects.toMatchObject({
      code: "forbidden:moderator_only",
    });
    const locked = await setNoteLock(database.db, modo, { noteId, locked: true, reason: "Synthèse validée" });
    expect(locked).toMatchObject({ noteId, locked: true, reason: "Synthèse validée" });
    const [row] = await database.db.select().from(notesTable).where(eq(notesTable.id, noteId));
    expect(row).toMatchObject({ lockedById: "modo", lockReason: "Synthèse validée" });
    for (const actor of [alice, modo]) {
      await expect(
        saveNamedNoteVersion(database.db, notes, actor, { noteId, name: "v2" }),
      ).rejects.toMatchObject({
        code: "forbidden:note_locked",
        message: "Cette synthèse est verrouillée.",
      });
    }
    await setNoteLock(database.db, modo, { noteId, locked: false });
    await expect(restoreNoteVersion(database.db, notes, alice, { noteId, versionId })).resolves.toMatchObject(
      {
        versionId: expect.any(String),
      },
    );
    await notes.close();
  });
});
