import { z } from "zod";
import type { ErrorBody } from "../errors";
import type { DiscussionClientEvents, DiscussionServerEvents } from "./discussion-events";
import type { NoteClientToServerEvents, NoteServerToClientEvents } from "./note-events";

/**
 * The Socket.IO contract shared by server and browser: one zod schema per client message,
 * typed event maps, and acks shaped `{ ok: true, data } | { ok: false, error }`.
 * Client-safe: imports nothing from the server.
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (ack: Ack<T>) => void;

export const threadRoomSchema = z.object({
  threadId: z.uuid({ error: "threadId doit être l’identifiant d’une discussion (un UUID)" }),
});
export type ThreadRoomInput = z.infer<typeof threadRoomSchema>;

export interface SessionIdentity {
  id: string;
  name: string;
  role: "member" | "moderator" | "admin";
}

export const moderationEvents = [
  "thread:pin",
  "thread:unpin",
  "thread:lock",
  "thread:unlock",
  "thread:archive",
  "thread:unarchive",
  "thread:edit",
  "thread:tags",
  "post:hide",
  "post:restore",
  "post:feature",
  "post:unfeature",
  "post:move",
  "post:report",
  "reports:resolve",
  "user:suspend",
  "user:unsuspend",
] as const;
export type ModerationEvent = (typeof moderationEvents)[number];

/** Moderation events take the payload of their lib/moderation/schemas.ts schema. */
type ModerationEvents = { [Event in ModerationEvent]: (input: unknown, ack: AckCallback<unknown>) => void };

export interface ClientToServerEvents
  extends ModerationEvents, DiscussionClientEvents, NoteClientToServerEvents {
  "session:whoami": (ack: AckCallback<SessionIdentity | null>) => void;
  "thread:join": (input: ThreadRoomInput, ack: AckCallback<{ room: string; readers: number }>) => void;
  "thread:leave": (input: ThreadRoomInput, ack: AckCallback<{ room: string }>) => void;
}

/** A thread's moderation state, sent whole so a client needs no earlier message to apply it. */
export interface ThreadState {
  threadId: string;
  title: string;
  pinned: boolean;
  locked: boolean;
  lockReason: string | null;
  archived: boolean;
}

/** A comment's moderation state after a moderator acted on it. */
export interface PostModeration {
  threadId: string;
  postId: string;
  hidden: boolean;
  hiddenReason: string | null;
  featured: boolean;
  /** Where the comment (and its replies) now stands: a takeaway, or null for the thread. */
  takeawayId: string | null;
}

export interface ServerToClientEvents extends DiscussionServerEvents, NoteServerToClientEvents {
  "thread:updated": (state: ThreadState) => void;
  "post:moderated": (moderation: PostModeration) => void;
  /** An event the server refused when the client gave no ack callback to answer on. */
  "app:error": (error: ErrorBody & { event: string }) => void;
  "presence:updated": (presence: { threadId: string; readers: number }) => void;
  /**
   * This instance lost its link to the others for a while (a database or Redis blip) and has it
   * back: broadcasts from other instances may have been missed, so catch up from the database.
   */
  "realtime:resync": () => void;
}

export function threadRoom(threadId: string): string {
  return `thread:${threadId}`;
}
