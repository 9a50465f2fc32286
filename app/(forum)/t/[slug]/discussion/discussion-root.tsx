"use client";

import {
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { io } from "socket.io-client";
import type { ErrorBody } from "@/lib/errors";
import type { BranchSnapshot, PostView, ThreadChange, ThreadDiscussionSnapshot } from "@/lib/posts/types";
import type { ReactionAck } from "@/lib/realtime/discussion-events";
import { createOutbox, newClientId, type Outbox } from "@/lib/realtime/outbox";
import { startThreadSync, type ClientSocket, type SyncStatus } from "@/lib/realtime/thread-sync";
import { DiscussionContext, type DiscussionActions, type Viewer } from "./discussion-context";
import { discussionReducer, initialBranchState, initialState } from "./discussion-store";
import { useAnnouncer } from "./live-announcer";
import { fetchBranchPage, fetchDiscussionPage } from "./load-pages";
import { useTypingPresence } from "./use-typing-presence";

type Snapshot = { kind: "thread"; data: ThreadDiscussionSnapshot } | { kind: "branch"; data: BranchSnapshot };

const subscribeNothing = () => () => {};

const signIn: ErrorBody = { code: "unauthorized:sign_in", message: "Connectez-vous pour participer." };
const offline: ErrorBody = {
  code: "unavailable:offline",
  message: "Connexion perdue\u202f: réessayez quand elle sera revenue.",
};

/**
 * Holds a thread's live discussion for every component beneath it: the state (server
 * rendered first), the socket, the sync that applies each change once and in order, the
 * offline outbox, presence and announcements. Without JavaScript its children still render
 * the server's snapshot in full.
 */
export function DiscussionRoot({
  snapshot,
  viewer,
  slug,
  locked,
  bypassLock = false,
  takeawayNumbers,
  children,
}: {
  snapshot: Snapshot;
  viewer: Viewer | null;
  slug: string;
  locked: boolean;
  /** Moderators write in locked threads. */
  bypassLock?: boolean;
  takeawayNumbers: Record<string, string>;
  children: ReactNode;
}) {
  const threadId = snapshot.data.threadId;
  const [state, dispatch] = useReducer(discussionReducer, snapshot, (initial) =>
    initial.kind === "thread" ? initialState(initial.data) : initialBranchState(initial.data),
  );
  const [lockedNow, setLockedNow] = useState(locked);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  // False in the server render (and so without JavaScript), true once the browser runs it.
  const live = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [status, setStatus] = useState<SyncStatus>("connecting");
  const [readers, setReaders] = useState<number | null>(null);
  const socketRef = useRef<ClientSocket | null>(null);
  const outboxRef = useRef<Outbox | null>(null);
  const { announce, region } = useAnnouncer();
  const { typing, receive: receiveTyping } = useTypingPresence(threadId);

  useEffect(() => {
    // WebSocket first (no sticky session needed for it); long-polling if a proxy refuses it.
    const socket: ClientSocket = io({ transports: ["websocket", "polling"], tryAllTransports: true });
    socketRef.current = socket;
    const viewerId = viewer?.id ?? null;
    const apply = (change: ThreadChange) => {
      dispatch({ type: "change", change, viewerId });
      if (change.type === "post:created" && change.post.author && change.post.author.id !== viewerId) {
        const where = change.post.takeawayId ? takeawayNumbers[change.post.takeawayId] : null;
        announce(change.post.author.name, where ?? null);
      }
    };
    const sync = startThreadSync({
      socket,
      threadId,
      lastSeq: snapshot.data.lastSeq,
      apply,
      onStatus: setStatus,
      onReaders: setReaders,
    });
    const outbox = viewer
      ? createOutbox({
          socket,
          threadId,
          memberId: viewer.id,
          storage: typeof localStorage === "undefined" ? null : localStorage,
          onSent: (_item, post) => dispatch({ type: "own-post", post }),
          onChange: (items) => dispatch({ type: "pending", items }),
        })
      : null;
    outboxRef.current = outbox;
    if (outbox) dispatch({ type: "pending", items: outbox.items() });
    socket.on("typing:updated", receiveTyping);
    // A moderator locking or unlocking the thread while members read it.
    socket.on("thread:updated", (update) => {
      if (update.threadId === threadId) setLockedNow(update.locked && !bypassLock);
    });
    // The browser knows before the socket does (which waits for a missed ping).
    const wentOffline = () => setStatus("offline");
    const cameBack = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener("offline", wentOffline);
    window.addEventListener("online", cameBack);
    return () => {
      window.removeEventListener("offline", wentOffline);
      window.removeEventListener("online", cameBack);
      sync.stop();
      outbox?.stop();
      socket.disconnect();
      socketRef.current = null;
      outboxRef.current = null;
    };
    // One connection per page: the snapshot and viewer are fixed for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [threadId]);

  const actions = useMemo<DiscussionActions>(() => {
    const emit = async <T,>(
      send: (socket: ClientSocket) => Promise<{ ok: true; data: T } | { ok: false; error: ErrorBody }>,
    ) => {
      const socket = socketRef.current;
      if (!viewer) return { error: signIn };
      if (!socket?.connected) return { error: offline };
      try {
        const ack = await send(socket);
        return ack.ok ? { data: ack.data } : { error: ack.error };
      } catch {
        return { error: offline };
      }
    };
    return {
      sendComment(where, body) {
        outboxRef.current?.add({
          clientId: newClientId(),
          takeawayId: where.takeawayId,
          parentId: where.parentId,
          body,
        });
      },
      async editComment(postId, body) {
        const result = await emit<PostView>((s) =>
          s.timeout(10_000).emitWithAck("post:edit", { postId, body }),
        );
        if (result.data) dispatch({ type: "own-post", post: result.data });
        return result.error ?? null;
      },
      async deleteComment(postId) {
        const result = await emit<PostView>((s) => s.timeout(10_000).emitWithAck("post:delete", { postId }));
        if (result.data) dispatch({ type: "own-post", post: result.data });
        return result.error ?? null;
      },
      async toggleReaction(postId, emoji) {
        const result = await emit<ReactionAck>((s) =>
          s.timeout(10_000).emitWithAck("reaction:toggle", { postId, emoji }),
        );
        if (result.data) dispatch({ type: "reactions", ...result.data, isTakeaway: false });
        return result.error ?? null;
      },
      async setStance(postId, stance, isTakeaway) {
        const result = await emit<ReactionAck>((s) =>
          s.timeout(10_000).emitWithAck("stance:set", { postId, stance }),
        );
        if (result.data) dispatch({ type: "reactions", ...result.data, isTakeaway });
        return result.error ?? null;
      },
      async loadMore(discussion) {
        if (snapshot.kind === "branch") {
          const cursor = stateRef.current.branchNextCursor;
          if (!cursor) return null;
          const page = await fetchBranchPage(snapshot.data.focus.id, cursor);
          if ("error" in page) return page.error;
          dispatch({ type: "branch-page", page });
          return null;
        }
        const cursor = stateRef.current.discussions[discussion]?.nextCursor;
        if (!cursor) return null;
        const page = await fetchDiscussionPage(threadId, discussion, cursor);
        if ("error" in page) return page.error;
        dispatch({ type: "page", discussion, page });
        return null;
      },
      typing(where, active) {
        const socket = socketRef.current;
        if (!viewer || !socket?.connected) return;
        socket.emit(active ? "typing:start" : "typing:stop", { threadId, takeawayId: where.takeawayId });
      },
      discardPending(clientId) {
        outboxRef.current?.discard(clientId);
      },
    };
  }, [viewer, threadId, snapshot]);

  const value = {
    state,
    dispatch,
    viewer,
    slug,
    locked: lockedNow,
    live,
    status,
    readers,
    typing,
    takeawayNumbers,
    actions,
  };
  return (
    <DiscussionContext.Provider value={value}>
      {children}
      {region}
    </DiscussionContext.Provider>
  );
}
