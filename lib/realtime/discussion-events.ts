import type { z } from "zod";
import type {
  catchUpSchema,
  createCommentSchema,
  deleteCommentSchema,
  editCommentSchema,
  setStanceSchema,
  toggleReactionSchema,
  typingSchema,
} from "../posts/schemas";
import type { CatchUpResult, PostChange, PostView, ReactionsChange } from "../posts/types";
import type { MyReactions, ReactionSummary } from "../reactions/kinds";
import type { AckCallback } from "./events";

/**
 * The discussion's part of the Socket.IO contract (merged into events.ts). Payloads are the
 * zod schemas of lib/posts/schemas.ts, which the server applies to every message and the
 * browser to what it is about to send. Client-safe: types only.
 */
export interface ReactionAck {
  postId: string;
  reactions: ReactionSummary;
  mine: MyReactions;
}

export interface TypingUpdate {
  threadId: string;
  takeawayId: string | null;
  user: { id: string; name: string };
  typing: boolean;
}

export interface DiscussionClientEvents {
  "post:create": (input: z.input<typeof createCommentSchema>, ack: AckCallback<PostView>) => void;
  "post:edit": (input: z.input<typeof editCommentSchema>, ack: AckCallback<PostView>) => void;
  "post:delete": (input: z.input<typeof deleteCommentSchema>, ack: AckCallback<PostView>) => void;
  "reaction:toggle": (input: z.input<typeof toggleReactionSchema>, ack: AckCallback<ReactionAck>) => void;
  "stance:set": (input: z.input<typeof setStanceSchema>, ack: AckCallback<ReactionAck>) => void;
  /** Every change after `afterSeq`, in order; call again from `upTo` while `hasMore`. */
  "thread:catch-up": (input: z.input<typeof catchUpSchema>, ack: AckCallback<CatchUpResult>) => void;
  "typing:start": (input: z.input<typeof typingSchema>, ack?: AckCallback<null>) => void;
  "typing:stop": (input: z.input<typeof typingSchema>, ack?: AckCallback<null>) => void;
}

/** Broadcast to the thread's room after each commit, with the change's seq. */
export interface DiscussionServerEvents {
  "post:created": (change: PostChange) => void;
  "post:edited": (change: PostChange) => void;
  "post:deleted": (change: PostChange) => void;
  /** A moderation decision on a post (hidden, restored, featured). */
  "post:updated": (change: PostChange) => void;
  "reactions:updated": (change: ReactionsChange) => void;
  "typing:updated": (update: TypingUpdate) => void;
}
