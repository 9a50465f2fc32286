"use client";

import { createContext, useContext, type Dispatch } from "react";
import type { ErrorBody } from "@/lib/errors";
import type { DiscussionKey } from "@/lib/posts/types";
import type { ReactionEmoji, Stance } from "@/lib/reactions/kinds";
import type { SyncStatus } from "@/lib/realtime/thread-sync";
import type { DiscussionAction, DiscussionState } from "./discussion-store";

export interface Viewer {
  id: string;
  name: string;
  /** Shows the moderators' tools; the server checks the right again on every action. */
  canModerate?: boolean;
}

export interface Placement {
  takeawayId: string | null;
  parentId: string | null;
}

/** What the discussion's components can do; each returns the refusal to show, or null. */
export interface DiscussionActions {
  sendComment(where: Placement, body: string): void;
  editComment(postId: string, body: string): Promise<ErrorBody | null>;
  deleteComment(postId: string): Promise<ErrorBody | null>;
  toggleReaction(postId: string, emoji: ReactionEmoji): Promise<ErrorBody | null>;
  setStance(postId: string, stance: Stance | null, isTakeaway: boolean): Promise<ErrorBody | null>;
  loadMore(discussion: DiscussionKey): Promise<ErrorBody | null>;
  typing(where: Placement, active: boolean): void;
  discardPending(clientId: string): void;
}

export interface DiscussionContextValue {
  state: DiscussionState;
  dispatch: Dispatch<DiscussionAction>;
  viewer: Viewer | null;
  slug: string;
  locked: boolean;
  /** Whether this browser runs the live discussion (false in the server render and without JS). */
  live: boolean;
  status: SyncStatus;
  readers: number | null;
  /** Names of who is typing, per discussion. */
  typing: Record<DiscussionKey, string[]>;
  /** "point 3" for a takeaway id: for announcements and links. */
  takeawayNumbers: Record<string, string>;
  actions: DiscussionActions;
}

export const DiscussionContext = createContext<DiscussionContextValue | null>(null);

export function useDiscussion(): DiscussionContextValue {
  const value = useContext(DiscussionContext);
  if (!value) throw new Error("useDiscussion must be used inside <DiscussionRoot>.");
  return value;
}
