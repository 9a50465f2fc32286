import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { noteField } from "../notes/note-field";
import { openNoteServer } from "../notes/note-server.fixture";
import { people, synced, waitFor } from "../notes/note-test-kit";
import { renderNoteText } from "../notes/render-note";
import { syncMessage, messageYjsUpdate } from "../notes/sync-messages";

const fixture = openNoteServer();

const { open } = fixture;

function replaceWith(doc: Y.Doc, text: string) {
  const fragment = doc.getXmlFragment(noteField);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, [paragraph]);
  });
}

describe("note history and lock over Socket.IO", () => {
  it("saves a named version, lists and shows it, and restores it for every editor", async () => {
    const alice = open(people.alice.id);
    const bruno = open(people.bruno.id);
    await waitFor(() => synced(alice.provider) && synced(bruno.provider), "synced");
    const noteId = alice.provider.state.noteId!;
    replaceWith(alice.provider.doc, "Le texte d’origine");
    await waitFor(() => synced(alice.provider), "stored");

    const changed = new Promise((resolve) => bruno.socket.once("note:versions-changed", resolve));
    const saved = await alice.socket.emitWithAck("note:save-version", { noteId, name: "  Origine  " });
    expect(saved).toMatchObject({ ok: true, data: { versionId: expect.any(String) } });
    expect(await changed).toEqual({ noteId });
    const versionId = saved.ok ? saved.data.versionId : "";

    replaceWith(bruno.provider.doc, "Tout a changé");
    await waitFor(() => renderNoteText(alice.provider.doc) === "Tout a changé", "alice sees bruno's rewrite");

    const listed = await bruno.socket.emitWithAck("note:list-versions", { noteId });
    expect(listed).toMatchObject({ ok: true, data: { versions: [{ id: versionId, name: "Origine" }] } });
    const shown = await bruno.socket.emitWithAck("note:get-version", { noteId, versionId });
    expect(shown).toMatchObject({ ok: true, data: { html: "<p>Le texte d’origine</p>" } });

    const restored = await bruno.socket.emitWithAck("note:restore-version", { noteId, versionId });
    expect(restored.ok).toBe(true);
    await waitFor(
      () =>
        renderNoteText(alice.provider.doc) === "Le texte d’origine" &&
        renderNoteText(bruno.provider.doc) === "Le texte d’origine",
      "both editors get the restored text",
    );
    const after = await alice.socket.emitWithAck("note:list-versions", { noteId });
    expect(after.ok && after.data.versions.map((version) => version.kind)).toEqual([
      "restore",
      "auto",
      "named",
    ]);

    const guest = open(null);
    await waitFor(() => guest.provider.state.status === "synced", "guest synced");
    expect(await guest.socket.emitWithAck("note:restore-version", { noteId, versionId })).toMatchObject({
      ok: false,
      error: { code: "unauthorized:sign_in" },
    });
    expect(await guest.socket.emitWithAck("note:list-versions", { noteId })).toMatchObject({ ok: true });
  });

  it("lets a moderator lock the note for everyone, refusing edits until it is unlocked", async () => {
    const alice = open(people.alice.id);
    const modo = open(people.modo.id);
    await waitFor(() => synced(alice.provider) && synced(modo.provider), "synced");
    const noteId = alice.provider.state.noteId!;
    expect(alice.provider.state.canLock).toBe(false);
    expect(modo.provider.state.canLock).toBe(true);
    expect(await alice.socket.emitWithAck("note:lock", { noteId, locked: true })).toMatchObject({
      ok: false,
      error: { code: "forbidden:moderator_only", message: "Réservé aux modérateurs." },
    });

    const locked = await modo.socket.emitWithAck("note:lock", {
      noteId,
      locked: true,
      reason: "Synthèse validée",
    });
    expect(locked).toMatchObject({ ok: true, data: { locked: true, reason: "Synthèse validée" } });
    // The lock reaches each editor by its own broadcast: wait for both, in either order.
    await waitFor(
      () => alice.provider.state.locked && !alice.provider.state.canEdit && !modo.provider.state.canEdit,
      "both editors turn read-only",
    );
    expect(alice.provider.state.readOnlyReason).toBe("Cette synthèse est verrouillée.");

    const update = new Y.Doc();
    replaceWith(update, "Malgré le verrou");
    const refused = await alice.socket.emitWithAck("note:update", {
      noteId,
      message: syncMessage(messageYjsUpdate, Y.encodeStateAsUpdate(update)),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden:note_locked" } });

    await modo.socket.emitWithAck("note:lock", { noteId, locked: false });
    await waitFor(() => alice.provider.state.canEdit && !alice.provider.state.locked, "alice can edit again");
  });
});
