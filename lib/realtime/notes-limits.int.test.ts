import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { noteField } from "../notes/note-field";
import { openNoteServer } from "../notes/note-server.fixture";
import { people, synced, waitFor } from "../notes/note-test-kit";
import { messageYjsSyncStep1, syncMessage } from "../notes/sync-messages";

const fixture = openNoteServer();

const { open } = fixture;

function write(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(noteField).push([paragraph]);
}

async function versionsOf(note: ReturnType<typeof open>) {
  const ack = await note.socket.emitWithAck("note:list-versions", {
    noteId: note.provider.state.noteId!,
    limit: 50,
  });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data.versions;
}

describe("throttling and checking expensive note events", () => {
  it("answers a malformed sync step 1 with a clear bad_request error, not internal:unexpected", async () => {
    const alice = open(people.alice.id);
    await waitFor(() => synced(alice.provider), "synced");
    const ack = await alice.socket.emitWithAck("note:sync", {
      noteId: alice.provider.state.noteId!,
      message: syncMessage(messageYjsSyncStep1, new Uint8Array([5, 255, 255, 255])),
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "bad_request:note_update", message: "Cette modification de la synthèse est illisible." },
    });
  });

  it("limits how many versions a guest may view in a row", async () => {
    const alice = open(people.alice.id);
    await waitFor(() => synced(alice.provider), "synced");
    write(alice.provider.doc, "Une version à regarder");
    await waitFor(() => synced(alice.provider), "stored");
    const saved = await alice.socket.emitWithAck("note:save-version", {
      noteId: alice.provider.state.noteId!,
      name: "À regarder",
    });
    if (!saved.ok) throw new Error(saved.error.message);

    const guest = open(null);
    await waitFor(() => guest.provider.state.status === "synced", "guest synced");
    const acks = await Promise.all(
      Array.from({ length: 30 }, () =>
        guest.socket.emitWithAck("note:get-version", {
          noteId: guest.provider.state.noteId!,
          versionId: saved.data.versionId,
        }),
      ),
    );
    const refused = acks.filter((ack) => !ack.ok);
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({
      ok: false,
      error: { code: "rate_limited:note_get_version" },
    });
    expect(!refused[0]!.ok && refused[0]!.error.message).toMatch(
      /^Trop de versions consultées d’affilée\u202f: réessayez dans \d+\u00a0secondes?\.$/,
    );
  });

  it("does not copy an unchanged note into a new version, and limits how often a member saves one", async () => {
    const bruno = open(people.bruno.id);
    await waitFor(() => synced(bruno.provider), "synced");
    const noteId = bruno.provider.state.noteId!;
    write(bruno.provider.doc, "Premier état");
    await waitFor(() => synced(bruno.provider), "stored");
    const first = await bruno.socket.emitWithAck("note:save-version", { noteId, name: "Premier" });
    expect(first.ok).toBe(true);
    const count = (await versionsOf(bruno)).length;

    const again = await bruno.socket.emitWithAck("note:save-version", { noteId, name: "Le même" });
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: "conflict:note_version_unchanged",
        message: "La synthèse n’a pas changé depuis la dernière version enregistrée.",
      },
    });
    expect(await versionsOf(bruno)).toHaveLength(count);

    write(bruno.provider.doc, "Deuxième état");
    await waitFor(() => synced(bruno.provider), "stored");
    expect((await bruno.socket.emitWithAck("note:save-version", { noteId, name: "Deuxième" })).ok).toBe(true);
    write(bruno.provider.doc, "Troisième état");
    await waitFor(() => synced(bruno.provider), "stored");
    const limited = await bruno.socket.emitWithAck("note:save-version", { noteId, name: "Troisième" });
    expect(limited).toMatchObject({ ok: false, error: { code: "rate_limited:note_save_version" } });
    expect(await versionsOf(bruno)).toHaveLength(count + 1);
  });

  it("names the automatic version instead of copying the note again when nothing changed since", async () => {
    const modo = open(people.modo.id);
    await waitFor(() => synced(modo.provider), "synced");
    write(modo.provider.doc, "Écrit avant de partir");
    await waitFor(() => synced(modo.provider), "stored");
    const noteId = modo.provider.state.noteId!;
    // The last editor out versions the note automatically.
    modo.close();
    await waitFor(() => fixture.server.registry()?.peek(noteId) === undefined, "the note is unloaded");

    const back = open(people.modo.id);
    await waitFor(() => synced(back.provider), "back");
    const before = await versionsOf(back);
    expect(before[0]?.kind).toBe("auto");
    const saved = await back.socket.emitWithAck("note:save-version", { noteId, name: "Au départ" });
    expect(saved).toEqual({ ok: true, data: { versionId: before[0]!.id } });
    const after = await versionsOf(back);
    expect(after).toHaveLength(before.length);
    expect(after[0]).toMatchObject({ id: before[0]!.id, kind: "named", name: "Au départ" });
  });

  it("limits a flood of presence messages from one socket", async () => {
    const alice = open(people.alice.id);
    await waitFor(() => synced(alice.provider), "synced");
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: null });
    const acks = await Promise.all(
      Array.from({ length: 200 }, () =>
        alice.socket.emitWithAck("note:awareness", {
          noteId: alice.provider.state.noteId!,
          update: awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
        }),
      ),
    );
    awareness.destroy();
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(60);
    expect(acks.some((ack) => !ack.ok && ack.error.code === "rate_limited:note_awareness")).toBe(true);
  });
});
