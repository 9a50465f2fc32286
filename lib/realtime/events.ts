import { z } from "zod";
import type { ErrorBody } from "../errors";
import type { NoteClientToServerEvents, NoteServerToClientEvents } from "./note-events";

/**
 * The Socket.IO contract shared by server and browser: one zod schema per client message,
 * typed event maps, and acks shaped `{ ok: true, data } | { ok: false, error }`.
 * Client-safe: imports nothing from the server.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (ack: Ack<T>) => void;

export const threadRoomSchema = z.object({
  threadId: z.uuid({ error: "threadId must be a thread's id (a UUID)" }),
});
export type ThreadRoomInput = z.infer<typeof threadRoomSchema>;

export interface ClientToServerEvents extends NoteClientToServerEvents {
  "thread:join": (input: ThreadRoomInput, ack: AckCallback<{ room: string; readers: number }>) => void;
  "thread:leave": (input: ThreadRoomInput, ack: AckCallback<{ room: string }>) => void;
}

export interface ServerToClientEvents extends NoteServerToClientEvents {
  /** An event the server refused when the client gave no ack callback to answer on. */
  "app:error": (error: ErrorBody & { event: string }) => void;
  "presence:updated": (presence: { threadId: string; readers: number }) => void;
}

export function threadRoom(threadId: string): string {
  return `thread:${threadId}`;
}
