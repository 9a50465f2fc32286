import { Adapter } from "socket.io-adapter";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { loadActor } from "../auth/actor";
import { assertCan, can, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { logFailure } from "../log/describe-error";
import { colorForUser } from "../notes/note-colors";
import { sanitizeAwarenessUpdate, type NoteIdentity } from "../notes/note-awareness";
import { NoteRegistry, type StoredChange } from "../notes/note-registry";
import { assertUpdateSize, type NoteSettings } from "../notes/note-settings";
import {
  messageYjsSyncStep1,
  messageYjsSyncStep2,
  messageYjsUpdate,
  readSyncMessage,
  syncMessage,
} from "../notes/sync-messages";
import { getNoteAccessOrThrow, getOrCreateNoteForThread } from "../notes/note-store";
import type { AgoraSocket, EventRouter } from "./handler";
import { routeNoteHistoryEvents } from "./note-history-handler";
import { createNoteLimits, takeOrThrow, type NoteLimits, type NoteLimitSettings } from "./note-limits";
import {
  noteAwarenessSchema,
  noteJoinSchema,
  noteMessageSchema,
  noteRefSchema,
  noteRoom,
  type NoteJoined,
} from "./note-events";
import type { RealtimeServer } from "./server";

export interface NoteRealtimeOptions {
  getDb: () => Database;
  settings?: Partial<NoteSettings>;
  limits?: NoteLimitSettings;
}

/** What one socket holds in one note: its reference on the live doc and its awareness ids. */
interface Membership {
  awarenessIds: Set<number>;
  /** Settles once the live doc is acquired and the socket is in the note's room. */
  ready: Promise<void>;
  joined: boolean;
}

declare module "socket.io" {
  interface SocketData {
    /** The notes this socket has open, by note id. */
    noteMemberships?: Map<string, Membership>;
  }
}

/** What note handlers share, once per server. */
export interface NoteServerContext {
  io: RealtimeServer;
  registry: NoteRegistry;
  db: () => Database;
  limits: NoteLimits;
  /**
   * Sends a stored change to the note room's sockets (on every instance), but the sender's
   * unless `exceptSender` is false, and to other instances' live docs.
   */
  publishChange(
    sender: AgoraSocket,
    noteId: string,
    change: StoredChange,
    options?: { exceptSender?: boolean },
  ): void;
}

const maxNotesPerSocket = 4;
const maxAwarenessBytes = 16 * 1024;

const registries = new WeakMap<RealtimeServer, NoteRegistry>();

/** The registry behind a realtime server, for shutdown and tests. */
export function getNoteRegistry(io: RealtimeServer): NoteRegistry | undefined {
  return registries.get(io);
}

/**
 * With the in-memory adapter there is no other instance (and serverSideEmit only warns); a
 * cluster adapter (Postgres, Redis…) overrides it to reach the other instances.
 */
function isClustered(io: RealtimeServer): boolean {
  return io.of("/").adapter.serverSideEmit !== Adapter.prototype.serverSideEmit;
}

function emitToInstances(io: RealtimeServer, event: string, payload: Record<string, unknown>) {
  if (!isClustered(io)) return;
  try {
    io.serverSideEmit(event, payload);
  } catch (error) {
    // Other instances catch up from the database when they notice the gap in seqs.
    logFailure(`serverSideEmit ${event} failed`, error);
  }
}

function identityOf(actor: Actor): NoteIdentity {
  return { id: actor.id, name: actor.name, color: colorForUser(actor.id) };
}

const unreadableUpdate = (cause: unknown) =>
  new AppError("bad_request:note_update", "Cette modification de la synthèse est illisible.", { cause });

export function attachNoteRealtime(
  io: RealtimeServer,
  router: EventRouter,
  options: NoteRealtimeOptions,
): void {
  let instance: NoteRegistry | undefined;
  const registry = () => {
    instance ??= new NoteRegistry(options.getDb(), options.settings, {
      onCaughtUp: (noteId, update) =>
        io.local
          .to(noteRoom(noteId))
          .emit("note:update", { noteId, message: syncMessage(messageYjsUpdate, update) }),
    });
    registries.set(io, instance);
    return instance;
  };

  // Another instance stored an update or changed presence: keep this instance's live copy in step.
  io.on("note:remote-update" as never, (payload: { noteId: string; seq: number; update: Uint8Array }) => {
    if (!instance || typeof payload?.noteId !== "string" || !(payload.update instanceof Uint8Array)) return;
    instance.applyRemoteUpdate(payload.noteId, { seq: payload.seq, update: payload.update });
  });
  io.on("note:remote-awareness" as never, (payload: { noteId: string; update: Uint8Array }) => {
    const note = typeof payload?.noteId === "string" ? instance?.peek(payload.noteId) : undefined;
    if (!note || !(payload.update instanceof Uint8Array)) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(note.awareness, payload.update, "remote");
    } catch (error) {
      console.error("A remote awareness update was unreadable:", error);
    }
  });

  const context: NoteServerContext = {
    io,
    get registry() {
      return registry();
    },
    db: options.getDb,
    limits: createNoteLimits(options.limits),
    publishChange(sender, noteId, change, { exceptSender = true } = {}) {
      const payload = { noteId, message: syncMessage(messageYjsUpdate, change.update) };
      (exceptSender ? sender.to(noteRoom(noteId)) : io.to(noteRoom(noteId))).emit("note:update", payload);
      emitToInstances(io, "note:remote-update", { noteId, seq: change.seq, update: change.update });
    },
  };
  const { leaveAll } = routeNoteEvents(router, context);
  routeNoteHistoryEvents(router, context);
  io.on("connection", (socket) => socket.on("disconnect", () => leaveAll(socket)));
}

function membershipsOf(socket: AgoraSocket): Map<string, Membership> {
  return (socket.data.noteMemberships ??= new Map());
}

function routeNoteEvents(router: EventRouter, context: NoteServerContext) {
  const { io } = context;

  const liveNoteOrThrow = (socket: AgoraSocket, noteId: string) => {
    const note = socket.data.noteMemberships?.get(noteId)?.joined ? context.registry.peek(noteId) : undefined;
    if (!note) throw new AppError("bad_request:note_not_joined", "Ouvrez la synthèse avant de la modifier.");
    return note;
  };

  const editorOrThrow = async (socket: AgoraSocket, noteId: string): Promise<Actor> => {
    const db = context.db();
    const [actor, access] = await Promise.all([
      loadActor(db, socket.data.userId),
      getNoteAccessOrThrow(db, noteId),
    ]);
    assertCan(actor, "note:edit", { noteLocked: access.noteLocked, threadLocked: access.threadLocked });
    return actor!;
  };

  router.on("note:join", noteJoinSchema, async (socket, { threadId }): Promise<NoteJoined> => {
    const db = context.db();
    const actor = await loadActor(db, socket.data.userId);
    assertCan(actor, "note:read");
    const access = await getOrCreateNoteForThread(db, threadId);
    const { noteId } = access;
    const memberships = membershipsOf(socket);
    let membership = memberships.get(noteId);
    if (!membership) {
      if (memberships.size >= maxNotesPerSocket) {
        throw new AppError(
          "rate_limited:note_join",
          "Trop de synthèses ouvertes en même temps sur cette connexion.",
        );
      }
      const joining: Membership = {
        awarenessIds: new Set(),
        joined: false,
        ready: context.registry.acquire(noteId).then(async () => {
          await socket.join(noteRoom(noteId));
          joining.joined = true;
        }),
      };
      membership = joining;
      // Set before the load finishes, so a disconnect meanwhile still releases the reference.
      memberships.set(noteId, joining);
      joining.ready.catch(() => memberships.delete(noteId));
    }
    await membership.ready;
    const note = liveNoteOrThrow(socket, noteId);
    const decision = can(actor, "note:edit", {
      noteLocked: access.noteLocked,
      threadLocked: access.threadLocked,
    });
    const present = [...note.awareness.getStates().keys()];
    return {
      noteId,
      canEdit: decision.allowed,
      readOnlyReason: decision.allowed ? null : decision.reason,
      canLock: can(actor, "note:lock").allowed,
      locked: access.noteLocked,
      lockReason: access.noteLockReason,
      self: actor ? identityOf(actor) : null,
      syncStep1: syncMessage(messageYjsSyncStep1, Y.encodeStateVector(note.doc)),
      awareness: present.length ? awarenessProtocol.encodeAwarenessUpdate(note.awareness, present) : null,
    };
  });

  const handleSyncMessage = async (
    socket: AgoraSocket,
    { noteId, message }: { noteId: string; message: Uint8Array },
  ) => {
    const note = liveNoteOrThrow(socket, noteId);
    let type: number;
    let payload: Uint8Array;
    try {
      ({ type, payload } = readSyncMessage(message));
    } catch (error) {
      throw unreadableUpdate(error);
    }
    if (type === messageYjsSyncStep1) {
      try {
        Y.decodeStateVector(payload);
      } catch (error) {
        throw unreadableUpdate(error);
      }
      // Answered inside the note's queue: the reply holds only stored changes.
      return note.run(() => {
        const reply = syncMessage(messageYjsSyncStep2, Y.encodeStateAsUpdate(note.doc, payload));
        return { reply, stored: false };
      });
    }
    if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) {
      throw unreadableUpdate(`unknown sync message type ${type}`);
    }
    const actor = await editorOrThrow(socket, noteId);
    assertUpdateSize(payload, context.registry.settings);
    try {
      Y.decodeUpdate(payload);
    } catch (error) {
      throw unreadableUpdate(error);
    }
    // Published inside the note's queue, so every socket gets the changes in the order they were stored.
    const stored = await context.registry.submitClientUpdate(note, payload, actor.id, (change) =>
      context.publishChange(socket, noteId, change),
    );
    return { reply: null, stored: stored !== null };
  };
  router.on("note:sync", noteMessageSchema, handleSyncMessage);
  router.on("note:update", noteMessageSchema, handleSyncMessage);

  router.on("note:awareness", noteAwarenessSchema, async (socket, { noteId, update }) => {
    const note = liveNoteOrThrow(socket, noteId);
    const actor = await editorOrThrow(socket, noteId);
    takeOrThrow(context.limits.awareness, socket, actor);
    if (update.byteLength > maxAwarenessBytes)
      throw new AppError("payload_too_large:note_awareness", "Message de présence trop volumineux.");
    const sanitized = sanitizeAwarenessUpdate(update, {
      socketId: socket.id,
      identity: identityOf(actor),
      owners: note.awarenessOwners,
    });
    if (!sanitized) return { noteId };
    for (const id of sanitized.clientIds) socket.data.noteMemberships?.get(noteId)?.awarenessIds.add(id);
    awarenessProtocol.applyAwarenessUpdate(note.awareness, sanitized.update, socket.id);
    socket.to(noteRoom(noteId)).emit("note:awareness", { noteId, update: sanitized.update });
    emitToInstances(io, "note:remote-awareness", { noteId, update: sanitized.update });
    return { noteId };
  });

  const leave = async (socket: AgoraSocket, noteId: string) => {
    const membership = socket.data.noteMemberships?.get(noteId);
    if (!membership) return;
    socket.data.noteMemberships?.delete(noteId);
    if (
      !(await membership.ready.then(
        () => true,
        () => false,
      ))
    )
      return;
    await socket.leave(noteRoom(noteId));
    const note = context.registry.peek(noteId);
    // Ids whose first message was too old to apply have no clock to bump: nothing to remove.
    const ids = [...membership.awarenessIds].filter((id) => note?.awareness.meta.has(id));
    if (note && ids.length) {
      awarenessProtocol.removeAwarenessStates(note.awareness, ids, "leave");
      for (const id of ids) note.awarenessOwners.delete(id);
      const update = awarenessProtocol.encodeAwarenessUpdate(note.awareness, ids);
      io.to(noteRoom(noteId)).emit("note:awareness", { noteId, update });
      emitToInstances(io, "note:remote-awareness", { noteId, update });
    }
    await context.registry.release(noteId);
  };

  router.on("note:leave", noteRefSchema, async (socket, { noteId }) => {
    await leave(socket, noteId);
    return { noteId };
  });

  return {
    leaveAll(socket: AgoraSocket) {
      for (const noteId of [...(socket.data.noteMemberships?.keys() ?? [])]) {
        leave(socket, noteId).catch((error: unknown) => logFailure(`Leaving note ${noteId} failed`, error));
      }
    },
  };
}
