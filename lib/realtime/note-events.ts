import { z } from "zod";
import type { AckCallback } from "./events";

/**
 * The notes part of the Socket.IO contract. Document traffic is binary: `message` is a
 * y-protocols sync message (step 1, step 2 or update) and `update` an awareness update, so
 * any Yjs binding can sit on the client. Client-safe.
 */
const noteId = z.uuid({ error: "noteId doit être l’identifiant d’une synthèse (un UUID)" });

/** Node hands binary over as a Buffer, browsers as an ArrayBuffer: both become a Uint8Array. */
const bytes = z
  .custom<Uint8Array | ArrayBuffer>((value) => value instanceof Uint8Array || value instanceof ArrayBuffer, {
    error: "doit être un message binaire",
  })
  .transform((value) => (value instanceof ArrayBuffer ? new Uint8Array(value) : value));

export const noteJoinSchema = z.object({
  threadId: z.uuid({ error: "threadId doit être l’identifiant d’une discussion (un UUID)" }),
});
export type NoteJoinInput = z.infer<typeof noteJoinSchema>;

export const noteRefSchema = z.object({ noteId });
export type NoteRefInput = z.infer<typeof noteRefSchema>;

export const noteMessageSchema = z.object({ noteId, message: bytes });
export type NoteMessageInput = z.input<typeof noteMessageSchema>;

export const noteAwarenessSchema = z.object({ noteId, update: bytes });
export type NoteAwarenessInput = z.input<typeof noteAwarenessSchema>;

export const listNoteVersionsSchema = z.object({
  noteId,
  before: z.object({ createdAt: z.iso.datetime(), id: z.uuid() }).optional(),
  limit: z.number().int().min(1).max(50).optional(),
});
export type ListNoteVersionsInput = z.infer<typeof listNoteVersionsSchema>;

export const noteVersionRefSchema = z.object({ noteId, versionId: z.uuid() });
export type NoteVersionRefInput = z.infer<typeof noteVersionRefSchema>;

export interface NoteIdentityView {
  id: string;
  name: string;
  color: string;
}

export interface NoteJoined {
  noteId: string;
  /** Whether this user may send updates now; when not, `readOnlyReason` says why, in French. */
  canEdit: boolean;
  readOnlyReason: string | null;
  canLock: boolean;
  locked: boolean;
  lockReason: string | null;
  /** Who the server says you are: use it for your awareness state and caret. */
  self: NoteIdentityView | null;
  /** The server's sync step 1: answer it with a step 2 holding what only you have. */
  syncStep1: Uint8Array | ArrayBuffer;
  /** Current presence of the other editors, or null. */
  awareness: Uint8Array | ArrayBuffer | null;
}

export interface NoteVersionSummaryView {
  id: string;
  kind: "auto" | "named" | "restore";
  name: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  authors: { id: string; name: string }[];
  restoredFromId: string | null;
  excerpt: string;
}

export interface NoteLockView {
  noteId: string;
  locked: boolean;
  reason: string | null;
  lockedAt: string | null;
}

export interface NoteClientToServerEvents {
  "note:join": (input: NoteJoinInput, ack: AckCallback<NoteJoined>) => void;
  "note:leave": (input: NoteRefInput, ack: AckCallback<{ noteId: string }>) => void;
  /** Step 1 is answered with the server's step 2 in `reply`; step 2 and updates are stored first. */
  "note:sync": (
    input: NoteMessageInput,
    ack: AckCallback<{ reply: Uint8Array | ArrayBuffer | null; stored: boolean }>,
  ) => void;
  "note:update": (
    input: NoteMessageInput,
    ack: AckCallback<{ reply: Uint8Array | ArrayBuffer | null; stored: boolean }>,
  ) => void;
  "note:awareness": (input: NoteAwarenessInput, ack: AckCallback<{ noteId: string }>) => void;
  "note:list-versions": (
    input: ListNoteVersionsInput,
    ack: AckCallback<{
      versions: NoteVersionSummaryView[];
      nextCursor: { createdAt: string; id: string } | null;
    }>,
  ) => void;
  "note:get-version": (
    input: NoteVersionRefInput,
    ack: AckCallback<{ id: string; name: string | null; createdAt: string; html: string; text: string }>,
  ) => void;
  "note:save-version": (
    input: { noteId: string; name: string },
    ack: AckCallback<{ versionId: string }>,
  ) => void;
  "note:restore-version": (input: NoteVersionRefInput, ack: AckCallback<{ versionId: string }>) => void;
  "note:lock": (
    input: { noteId: string; locked: boolean; reason?: string },
    ack: AckCallback<NoteLockView>,
  ) => void;
}

export interface NoteServerToClientEvents {
  /** Another editor's stored change, as a y-protocols update message. */
  "note:update": (payload: { noteId: string; message: Uint8Array | ArrayBuffer }) => void;
  "note:awareness": (payload: { noteId: string; update: Uint8Array | ArrayBuffer }) => void;
  "note:locked": (payload: NoteLockView) => void;
  /** The history changed (a named version, a restore): lists should refresh. */
  "note:versions-changed": (payload: { noteId: string }) => void;
}

export function noteRoom(noteId: string): string {
  return `note:${noteId}`;
}
