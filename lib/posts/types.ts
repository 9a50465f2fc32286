import type { ReactionChange } from "../../db/schema/thread-events";
import type { MyReactions, ReactionSummary } from "../reactions/kinds";

/**
 * What browsers receive about comments: over sockets, in catch-up answers and in the
 * server-rendered page alike. Client-safe (types only). Dates are ISO strings.
 */
export type PostState = "visible" | "deleted" | "hidden";

export interface PostView {
  id: string;
  threadId: string;
  /** The takeaway discussed; null for a comment on the thread as a whole. */
  takeawayId: string | null;
  parentId: string | null;
  rootId: string;
  depth: number;
  seq: number;
  /** null on a tombstone: a deleted comment no longer says who wrote it. */
  author: { id: string; name: string } | null;
  /**
   * The Markdown source, for editing: empty on tombstones, and in the thread page's snapshot
   * on comments the viewer did not write (lib/posts/post-views.ts).
   */
  body: string;
  /** The sanitized HTML of `body`. */
  html: string;
  createdAt: string;
  editedAt: string | null;
  state: PostState;
  hiddenReason: string | null;
  featured: boolean;
  replyCount: number;
  reactions: ReactionSummary;
  /** The author's idempotency key: lets the author's tabs match an optimistic copy. */
  clientId: string | null;
}

/** Comment counts after a change: the whole thread's, and the discussion the post belongs to. */
export interface DiscussionCounts {
  total: number;
  discussion: number;
  /** After a move: the discussion the comment left, and its count now. */
  left?: { discussion: DiscussionKey; count: number };
}

/**
 * One change of a thread, as broadcast live and as replayed by a catch-up: every change has a
 * seq, and seqs have no holes after the imported takeaways, so a client that applies them in
 * order knows when it missed one.
 */
export type ThreadChange =
  | {
      seq: number;
      type: "post:created" | "post:edited" | "post:deleted" | "post:updated";
      post: PostView;
      counts: DiscussionCounts;
    }
  | {
      seq: number;
      type: "reactions:updated";
      threadId: string;
      postId: string;
      reactions: ReactionSummary;
      /** Who changed what, so that member's other tabs update their own buttons. */
      change: (ReactionChange & { actorId: string }) | null;
    };

export type PostChange = Extract<ThreadChange, { post: PostView }>;
export type ReactionsChange = Extract<ThreadChange, { type: "reactions:updated" }>;

export interface CatchUpResult {
  changes: ThreadChange[];
  /** The seq up to which the client is now complete (there are no changes between). */
  upTo: number;
  hasMore: boolean;
}

/** A page of a discussion: comments flat (parents before children, by seq) and the viewer's reactions. */
export interface DiscussionPage {
  comments: PostView[];
  mine: Record<string, MyReactions>;
  nextCursor: string | null;
}

/** Identifies a discussion in client state: a takeaway's id, or "general" for the thread as a whole. */
export type DiscussionKey = string;
export const generalDiscussion = "general";
export const discussionKeyOf = (takeawayId: string | null): DiscussionKey => takeawayId ?? generalDiscussion;

/** One discussion on the first screen: its count, its first comments, where "load more" resumes. */
export interface DiscussionSlice {
  count: number;
  comments: PostView[];
  nextCursor: string | null;
}

/** A comment a link points at (?c=<id>), when it is not already on the first screen. */
export interface FocusSnapshot {
  postId: string;
  discussion: DiscussionKey;
  /** True when the comment sits in its discussion's tree (its ancestors were loaded with it). */
  inline: boolean;
  /** For a comment shown apart: what it answers, as context. */
  parent: PostView | null;
  /** For a comment shown apart: it and its replies. */
  comments: PostView[];
}

/** Everything the thread page needs of its discussions, read in one consistent snapshot at `lastSeq`. */
export interface ThreadDiscussionSnapshot {
  threadId: string;
  lastSeq: number;
  total: number;
  discussions: Record<DiscussionKey, DiscussionSlice>;
  takeawayReactions: Record<string, ReactionSummary>;
  mine: Record<string, MyReactions>;
  focus: FocusSnapshot | null;
}

/** "Continuer cette conversation": a comment, the way down to it, and its replies. */
export interface BranchSnapshot {
  threadId: string;
  lastSeq: number;
  discussion: DiscussionKey;
  ancestors: PostView[];
  focus: PostView;
  comments: PostView[];
  nextCursor: string | null;
  mine: Record<string, MyReactions>;
}
