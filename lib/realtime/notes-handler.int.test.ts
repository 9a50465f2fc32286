import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import {
  connectAs,
  openNote,
  people,
  seedNoteFixtures,
  startNoteServer,
  synced,
  waitFor,
  type TestServer,
} from "../notes/note-test-kit";
import { noteField } from "../notes/note-field";
import { renderNoteText } from "../notes/render-note";
import { readNoteState } from "../notes/note-store";

let database: TestDatabase;
let server: TestServer;
let threadId: string;
const opened: { close(): void }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ threadId } = await seedNoteFixtures(database.db, 0));
  server = await startNoteServer({
    db: database.db,
    notes: { maxUpdateBytes: 4096, maxDocumentBytes: 32 * 1024 },
  });
});

afterEach(() => {
  for (const note of opened.splice(0)) note.close();
});

afterAll(async () => {
  await server.close();
  await database.close();
});

function open(userId: string | null) {
  const note = openNote(server.url, userId, threadId);
  opened.push(note);
  return note;
}

function write(doc: Y.Doc, text: string) {
  const fragment = doc.getXmlFragment(noteField);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function someUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  write(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

describe("note sync over Socket.IO", () => {
  it("lets two members write together, stores every acknowledged change, and tells each who they are", async () => {
    const alice = open(people.alice.id);
    const bruno = open(people.bruno.id);
    await waitFor(() => synced(alice.provider) && synced(bruno.provider), "both synced");
    expect(alice.provider.state).toMatchObject({
      canEdit: true,
      self: { id: "alice", name: "Alice Martin" },
    });
    expect(alice.provider.state.self?.color).toMatch(/^#[0-9a-f]{6}$/);

    write(alice.provider.doc, "Ce sur quoi nous sommes d’accord");
    write(bruno.provider.doc, "Nos désaccords");
    await waitFor(
      () =>
        renderNoteText(alice.provider.doc).includes("Nos désaccords") &&
        renderNoteText(bruno.provider.doc).includes("d’accord") &&
        synced(alice.provider) &&
        synced(bruno.provider),
      "each sees the other's text",
    );
    const stored = new Y.Doc();
    const state = await readNoteState(database.db, alice.provider.state.noteId!);
    for (const { update } of state.updates) Y.applyUpdate(stored, update);
    if (state.snapshot) Y.applyUpdate(stored, state.snapshot);
    expect(renderNoteText(stored)).toBe(renderNoteText(alice.provider.doc));
    expect(state.updates.map((row) => row.authorId).sort()).toEqual(["alice", "bruno"]);
  });

  it("lets a guest read and receive live changes, and refuses a guest's update with an error", async () => {
    const alice = open(people.alice.id);
    await waitFor(() => synced(alice.provider), "alice synced");
    write(alice.provider.doc, "Visible par les invités");
    await waitFor(() => synced(alice.provider), "alice's change stored");

    const guest = open(null);
    await waitFor(() => guest.provider.state.status === "synced", "guest synced");
    expect(guest.provider.state).toMatchObject({
      canEdit: false,
      self: null,
      readOnlyReason: "Connectez-vous pour participer.",
    });
    expect(renderNoteText(guest.provider.doc)).toContain("Visible par les invités");
    write(alice.provider.doc, "Et en direct");
    await waitFor(() => renderNoteText(guest.provider.doc).includes("Et en direct"), "guest receives live");

    const before = await readNoteState(database.db, guest.provider.state.noteId!);
    const ack = await guest.socket.emitWithAck("note:update", {
      noteId: guest.provider.state.noteId!,
      message: updateMessage(someUpdate("Vandalisme")),
    });
    expect(ack).toEqual({
      ok: false,
      error: {
        code: "unauthorized:sign_in",
        message: "Connectez-vous pour participer.",
        details: { action: "note:edit" },
      },
    });
    const after = await readNoteState(database.db, guest.provider.state.noteId!);
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(renderNoteText(alice.provider.doc)).not.toContain("Vandalisme");
  });

  it("refuses a suspended member's update", async () => {
    const denis = open(people.suspended.id);
    await waitFor(() => denis.provider.state.status === "synced", "synced");
    expect(denis.provider.state.canEdit).toBe(false);
    const ack = await denis.socket.emitWithAck("note:update", {
      noteId: denis.provider.state.noteId!,
      message: updateMessage(someUpdate("Interdit")),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "forbidden:suspended" } });
  });

  it("answers malformed, oversized or premature messages with clear errors and stays up", async () => {
    const socket = connectAs(server.url, people.alice.id);
    opened.push({ close: () => socket.disconnect() });
    await waitFor(() => socket.connected, "connected");
    const joined = await socket.emitWithAck("note:join", { threadId });
    if (!joined.ok) throw new Error(joined.error.message);
    const noteId = joined.data.noteId;

    const notJoined = await socket.emitWithAck("note:update", {
      noteId: "6f1d7c4e-3b8a-4d2e-9f10-1234567890ab",
      message: updateMessage(someUpdate("x")),
    });
    expect(notJoined).toMatchObject({ ok: false, error: { code: "bad_request:note_not_joined" } });

    const garbage = await socket.emitWithAck("note:update", {
      noteId,
      message: new Uint8Array([2, 5, 1, 2]),
    });
    expect(garbage).toMatchObject({ ok: false, error: { code: "bad_request:note_update" } });

    const notBinary = await socket.emitWithAck("note:update", { noteId, message: "texte" as never });
    expect(notBinary).toMatchObject({ ok: false, error: { code: "bad_request:event" } });

    const tooLarge = await socket.emitWithAck("note:update", {
      noteId,
      message: updateMessage(someUpdate("x".repeat(5000))),
    });
    expect(tooLarge).toMatchObject({ ok: false, error: { code: "payload_too_large:note_update" } });
    expect(!tooLarge.ok && tooLarge.error.message).toContain("trop volumineuse (plus de 4 Ko)");

    // The document limit: 32 KB here, reached in 3 KB steps.
    let refused;
    for (let index = 0; index < 20 && !refused; index += 1) {
      const ack = await socket.emitWithAck("note:update", {
        noteId,
        message: updateMessage(someUpdate(String(index % 10).repeat(3000))),
      });
      if (!ack.ok) refused = ack;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: "payload_too_large:note_document" } });
    expect(refused?.error.message).toContain("taille maximale (32 Ko)");
  });

  it("writes the server's identity over what a client claims in its awareness state", async () => {
    const bruno = open(people.bruno.id);
    const alice = open(people.alice.id);
    await waitFor(() => synced(alice.provider) && synced(bruno.provider), "synced");
    const aliceSeesBruno = () =>
      [...alice.provider.awareness.getStates().values()].some(
        (state) => (state.user as { id?: string } | undefined)?.id === "bruno",
      );
    bruno.provider.awareness.setLocalStateField("user", {
      id: "alice",
      name: "Alice Martin",
      color: "#000000",
    });
    await waitFor(aliceSeesBruno, "alice sees bruno's presence");
    const brunoState = alice.provider.awareness.getStates().get(bruno.provider.doc.clientID);
    expect(brunoState?.user).toEqual({
      id: "bruno",
      name: "Bruno Petit",
      color: bruno.provider.state.self!.color,
    });

    // Bruno cannot speak for Alice's awareness client id either.
    await waitFor(
      () => bruno.provider.awareness.getStates().has(alice.provider.doc.clientID),
      "the server has alice's presence",
    );
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = alice.provider.doc.clientID;
    forged.meta.set(forged.clientID, { clock: 99, lastUpdated: Date.now() });
    forged.setLocalState({ user: { name: "faux" }, cursor: null });
    const ack = await bruno.socket.emitWithAck("note:awareness", {
      noteId: bruno.provider.state.noteId!,
      update: awarenessProtocol.encodeAwarenessUpdate(forged, [forged.clientID]),
    });
    expect(ack.ok).toBe(true);
    const guest = open(null);
    await waitFor(() => guest.provider.state.status === "synced", "a newcomer synced");
    expect(guest.provider.awareness.getStates().get(alice.provider.doc.clientID)?.user).toMatchObject({
      id: "alice",
      name: "Alice Martin",
    });
    forged.destroy();

    bruno.close();
    await waitFor(() => !aliceSeesBruno(), "bruno's presence goes when he leaves");
  });
});
