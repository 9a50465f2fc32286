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
import type { AgoraSocket, EventRouter } from "./handler";
import { takeOrThrow } from "./note-limits";
import { listNoteVersionsSchema, noteRoom, noteVersionRefSchema } from "./note-events";
import type { NoteServerContext } from "./notes-handler";

/** History (list, view, save, restore) and the moderators' lock: each checks access itself. */
export function routeNoteHistoryEvents(router: EventRouter, context: NoteServerContext) {
  const { io } = context;
  const actor = (socket: AgoraSocket) => loadActor(context.db(), socket.data.userId);

  const readable = async (socket: AgoraSocket, noteId: string) => {
    assertCan(await actor(socket), "note:read");
    await getNoteAccessOrThrow(context.db(), noteId);
  };

  router.on("note:list-versions", listNoteVersionsSchema, async (socket, { noteId, before, limit }) => {
    await readable(socket, noteId);
    return listNoteVersions(context.db(), noteId, { before, limit });
  });

  router.on("note:get-version", noteVersionRefSchema, async (socket, { noteId, versionId }) => {
    const reader = await actor(socket);
    assertCan(reader, "note:read");
    // Guests too: rendering a large version is the costliest read a socket can ask for.
    takeOrThrow(context.limits.getVersion, socket, reader);
    await getNoteAccessOrThrow(context.db(), noteId);
    return viewNoteVersion(context.db(), noteId, versionId);
  });

  router.on("note:save-version", saveNoteVersionSchema, async (socket, input) => {
    const member = await actor(socket);
    takeOrThrow(context.limits.saveVersion, socket, member);
    const result = await saveNamedNoteVersion(context.db(), context.registry, member, input);
    io.to(noteRoom(input.noteId)).emit("note:versions-changed", { noteId: input.noteId });
    return result;
  });

  router.on("note:restore-version", restoreNoteVersionSchema, async (socket, input) => {
    const { versionId, change } = await restoreNoteVersion(
      context.db(),
      context.registry,
      await actor(socket),
      input,
    );
    // The restorer's own editor gets the change like everyone else's: it was made on the server.
    if (change) context.publishChange(socket, input.noteId, change, { exceptSender: false });
    io.to(noteRoom(input.noteId)).emit("note:versions-changed", { noteId: input.noteId });
    return { versionId };
  });

  router.on("note:lock", lockNoteSchema, async (socket, input) => {
    const state = await setNoteLock(context.db(), await actor(socket), input);
    io.to(noteRoom(input.noteId)).emit("note:locked", state);
    return state;
  });
}
