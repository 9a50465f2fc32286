import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { deeplyNested, mutateBytes } from "../notes/hostile-updates";
import { noteField } from "../notes/note-field";
import { openNoteServer } from "../notes/note-server.fixture";
import { nestsDeeperThan } from "../notes/note-depth";
import {
  appendNoteUpdate,
  applyStoredState,
  getOrCreateNoteForThread,
  readNoteState,
} from "../notes/note-store";
import { insertNoteVersion } from "../notes/note-versions";
import { connectAs, createThread, openNote, people, waitFor } from "../notes/note-test-kit";
import type { NoteSocket } from "../notes/note-provider";
import { seededRandom } from "../notes/random-edits";
import { renderNoteText } from "../notes/render-note";
import { messageYjsUpdate, syncMessage } from "../notes/sync-messages";

const fixture = openNoteServer();

async function joinAs(userId: string): Promise<{ socket: NoteSocket; noteId: string }> {
  const socket = connectAs(fixture.server.url, userId);
  fixture.track({ close: () => socket.disconnect() });
  await waitFor(() => socket.connected, "connected");
  const joined = await socket.emitWithAck("note:join", { threadId: fixture.threadId });
  if (!joined.ok) throw new Error(joined.error.message);
  return { socket, noteId: joined.data.noteId };
}

function send(socket: NoteSocket, noteId: string, update: Uint8Array) {
  return socket.emitWithAck("note:update", { noteId, message: syncMessage(messageYjsUpdate, update) });
}

function paragraph(content: string, attributes?: Record<string, unknown>) {
  const node = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  text.applyDelta([{ insert: content, attributes }]);
  node.insert(0, [text]);
  return node;
}

function updateOf(doc: Y.Doc, edit: (fragment: Y.XmlFragment) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc.getXmlFragment(noteField)));
  return Y.encodeStateAsUpdate(doc, before);
}

async function storedDoc(noteId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyStoredState(doc, await readNoteState(fixture.database.db, noteId));
  return doc;
}

describe("poisoned synthesis updates", () => {
  it("refuses an update nesting quotes 8,000 levels deep: nothing is stored and the note still opens", async () => {
    const { socket, noteId } = await joinAs(people.alice.id);
    const before = await readNoteState(fixture.database.db, noteId);
    const ack = await send(socket, noteId, Y.encodeStateAsUpdate(deeplyNested(8_000, "poison")));
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: "bad_request:note_schema",
        message:
          "Cette modification de la synthèse est refusée\u202f: les blocs ne s’imbriquent pas sur plus de 20 niveaux.",
      },
    });
    expect((await readNoteState(fixture.database.db, noteId)).lastSeq).toBe(before.lastSeq);
    expect(renderNoteText(fixture.server.registry()!.peek(noteId)!.doc)).not.toContain("poison");

    const reader = openNote(fixture.server.url, null, fixture.threadId);
    fixture.track(reader);
    await waitFor(() => reader.provider.state.status === "synced", "a reader opens the note");
    expect(renderNoteText(reader.provider.doc)).not.toContain("poison");
  });

  it("refuses a link mark carrying a class or a target, which would cover readers' screens", async () => {
    const { socket, noteId } = await joinAs(people.alice.id);
    const link = { href: "https://exemple.fr", class: "fixed inset-0 w-full min-h-dvh", target: "_blank" };
    const ack = await send(
      socket,
      noteId,
      updateOf(new Y.Doc(), (fragment) => fragment.push([paragraph("clic", { link })])),
    );
    expect(ack).toMatchObject({ ok: false, error: { code: "bad_request:note_schema" } });
    expect(renderNoteText(await storedDoc(noteId))).not.toContain("clic");
  });

  it("answers byte-mutated updates with a clear error or stores them whole: nothing is left waiting", async () => {
    const { socket, noteId } = await joinAs(people.bruno.id);
    const author = new Y.Doc();
    const base = updateOf(author, (fragment) => fragment.push([paragraph("socle")]));
    expect(await send(socket, noteId, base)).toMatchObject({ ok: true });
    const valid = updateOf(author, (fragment) => {
      fragment.push([paragraph("ajout", { bold: {} })]);
      fragment.delete(0, 1);
    });
    const random = seededRandom(7);
    const codes = new Set<string>();
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const ack = await send(socket, noteId, mutateBytes(valid, 1 + Math.floor(random() * 3), random));
      if (!ack.ok) codes.add(ack.error.code);
    }
    expect(codes.size).toBeGreaterThan(0);
    expect(codes).not.toContain("internal:unexpected");
    expect(fixture.server.registry()!.peek(noteId)!.hasPendingStructs()).toBe(false);
    const stored = await storedDoc(noteId);
    expect(stored.store.pendingStructs).toBeNull();
    expect(stored.store.pendingDs).toBeNull();
    // The genuine update still applies on top of whatever was accepted.
    expect(await send(socket, noteId, valid)).toMatchObject({ ok: true });
  });

  it("lets a member restore a sound version of a note stored too deep before updates were checked", async () => {
    const otherThread = await createThread(fixture.database.db);
    const { noteId } = await getOrCreateNoteForThread(fixture.database.db, otherThread);
    const author = new Y.Doc();
    const sound = updateOf(author, (fragment) => fragment.push([paragraph("Version saine")]));
    await appendNoteUpdate(fixture.database.db, { noteId, update: sound, authorId: people.alice.id });
    const { id: versionId } = await insertNoteVersion(fixture.database.db, {
      noteId,
      kind: "named",
      name: "Saine",
      state: Y.encodeStateAsUpdate(author),
      text: "Version saine",
      authorIds: [people.alice.id],
      seq: 1,
    });
    // As an unchecked server once stored it.
    const poison = Y.encodeStateAsUpdate(deeplyNested(8_000, "poison", author), Y.encodeStateVector(author));
    await appendNoteUpdate(fixture.database.db, { noteId, update: poison, authorId: people.bruno.id });

    const socket = connectAs(fixture.server.url, people.modo.id);
    fixture.track({ close: () => socket.disconnect() });
    await waitFor(() => socket.connected, "connected");
    const joined = await socket.emitWithAck("note:join", { threadId: otherThread });
    expect(joined).toMatchObject({ ok: true, data: { noteId, canEdit: true } });
    const shown = await socket.emitWithAck("note:get-version", { noteId, versionId });
    expect(shown).toMatchObject({ ok: true, data: { text: "Version saine" } });
    const restored = await socket.emitWithAck("note:restore-version", { noteId, versionId });
    expect(restored.ok).toBe(true);

    const stored = await storedDoc(noteId);
    expect(renderNoteText(stored)).toBe("Version saine");
    expect(nestsDeeperThan(stored, 20)).toBe(false);
  });
});
