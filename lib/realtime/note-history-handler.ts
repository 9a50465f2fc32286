import { loadActor } from "../auth/actor";
import { assertCan } from "../auth/authorization";
import {
  restoreNoteVersion,
  restoreNoteVersionSchema,
  saveNamedNoteVersion,
  saveNoteVersionSchema,
} from "../notes/note-history";
import { lockNoteSchema, setNoteLock } from "../notes/lock-note";
import { getNoteAccessOrThrow } from "../notes/note-store";
import { listNoteVersions, viewNoteVersion } from "../notes/note-versions";
import { onEvent } from "./handler";
import { listNoteVersionsSchema, noteRoom, noteVersionRefSchema } from "./note-events";
import type { NoteSocketContext } from "./notes-handler";

/** History (list, view, save, restore) and the moderators' lock: each checks access itself. */
export function registerNoteHistoryEvents(context: NoteSocketContext) {
  const { io, socket } = context;
  const actor = () => loadActor(context.db(), socket.data.userId);

  const readable = async (noteId: string) => {
    assertCan(await actor(), "note:read");
    await getNoteAccessOrThrow(context.db(), noteId);
  };

  onEvent(socket, "note:list-versions", listNoteVersionsSchema, async ({ noteId, before, limit }) => {
    await readable(noteId);
    return listNoteVersions(context.db(), noteId, { before, limit });
  });

  onEvent(socket, "note:get-version", noteVersionRefSchema, async ({ noteId, versionId }) => {
    await readable(noteId);
    return viewNoteVersion(context.db(), noteId, versionId);
  });

  onEvent(socket, "note:save-version", saveNoteVersionSchema, async (input) => {
    const result = await saveNamedNoteVersion(context.db(), context.registry, await actor(), input);
    io.to(noteRoom(input.noteId)).emit("note:versions-changed", { noteId: input.noteId });
    return result;
  });

  onEvent(socket, "note:restore-version", restoreNoteVersionSchema, async (input) => {
    const { versionId, change } = await restoreNoteVersion(
      context.db(),
      context.registry,
      await actor(),
      input,
    );
    // The restorer's own editor gets the change like everyone else's: it was made on the server.
    if (change) context.publishChange(input.noteId, change, { exceptSender: false });
    io.to(noteRoom(input.noteId)).emit("note:versions-changed", { noteId: input.noteId });
    return { versionId };
  });

  onEvent(socket, "note:lock", lockNoteSchema, async (input) => {
    const state = await setNoteLock(context.db(), await actor(), input);
    io.to(noteRoom(input.noteId)).emit("note:locked", state);
    return state;
  });
}
