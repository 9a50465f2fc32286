import type { Socket } from "socket.io-client";
import type { ThreadChange } from "../posts/types";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SyncStatus = "connecting" | "live" | "catching-up" | "offline";

export interface ThreadSyncOptions {
  socket: ClientSocket;
  threadId: string;
  /** The seq the page was rendered at: every change up to it is already shown. */
  lastSeq: number;
  /** Called once per change, in seq order. */
  apply: (change: ThreadChange) => void;
  onStatus?: (status: SyncStatus) => void;
  onReaders?: (readers: number) => void;
  /** How long a hole in the seqs may wait for the missing change before asking the server. */
  gapTimeoutMs?: number;
  /** Per catch-up request. */
  requestTimeoutMs?: number;
}

export interface ThreadSync {
  lastSeq(): number;
  /** Asks the server for everything after the cursor (also done on every (re)connection). */
  catchUp(): Promise<void>;
  stop(): void;
}

const changeEvents = [
  "post:created",
  "post:edited",
  "post:deleted",
  "post:updated",
  "reactions:updated",
] as const;

/**
 * Keeps a browser's copy of a thread in step with the server, exactly once and in order.
 *
 * Every change has a seq, and seqs have no holes, so the client keeps the last seq it
 * applied: a live change with the next seq is applied at once; one further ahead waits in a
 * buffer (broadcasts from concurrent writers, or from another instance, may arrive out of
 * order) until the hole fills or `gapTimeoutMs` passes, then the client asks the server for
 * everything after its cursor. It does the same after every (re)connection: Socket.IO's own
 * recovery may already have replayed what was missed, and whatever it could not (another
 * adapter, a server restart, a long sleep) comes from the database. Anything at or below
 * the cursor is a duplicate and is dropped.
 */
export function startThreadSync(options: ThreadSyncOptions): ThreadSync {
  const { socket, threadId, apply } = options;
  const gapTimeoutMs = options.gapTimeoutMs ?? 1500;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  let lastSeq = options.lastSeq;
  const buffer = new Map<number, ThreadChange>();
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const setStatus = (status: SyncStatus) => options.onStatus?.(status);

  const drain = () => {
    for (const seq of buffer.keys()) if (seq <= lastSeq) buffer.delete(seq);
    for (let next = buffer.get(lastSeq + 1); next; next = buffer.get(lastSeq + 1)) {
      buffer.delete(next.seq);
      lastSeq = next.seq;
      apply(next);
    }
    clearTimeout(gapTimer);
    gapTimer = undefined;
    if (buffer.size > 0 && !stopped) gapTimer = setTimeout(() => void catchUp(), gapTimeoutMs);
  };

  const receive = (change: ThreadChange) => {
    if (stopped || change.seq <= lastSeq) return;
    buffer.set(change.seq, change);
    drain();
  };

  const fetchOnce = async () => {
    for (;;) {
      const ack = await socket
        .timeout(requestTimeoutMs)
        .emitWithAck("thread:catch-up", { threadId, afterSeq: lastSeq });
      if (!ack.ok) throw new Error(ack.error.message);
      for (const change of ack.data.changes) {
        if (change.seq <= lastSeq) continue;
        lastSeq = change.seq;
        apply(change);
      }
      // The server vouches there is nothing else up to upTo (events it skipped, imported takeaways).
      lastSeq = Math.max(lastSeq, ack.data.upTo);
      drain();
      if (!ack.data.hasMore || stopped) return;
    }
  };

  const catchUp = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    setStatus("catching-up");
    const run = async () => {
      try {
        await fetchOnce();
      } catch {
        // Offline or refused: the next connection (or gap) tries again.
      }
      if (!stopped) setStatus(socket.connected ? "live" : "offline");
    };
    again = false;
    // `.finally` runs after the assignment even when `run` settles at once; a catch-up asked
    // for meanwhile runs next, from the cursor reached.
    running = run().finally(() => {
      running = null;
      if (again && !stopped) void catchUp();
    });
    return running;
  };

  const onConnect = async () => {
    setStatus("catching-up");
    if (!socket.recovered) {
      const joined = await socket
        .timeout(requestTimeoutMs)
        .emitWithAck("thread:join", { threadId })
        .catch(() => null);
      if (joined?.ok) options.onReaders?.(joined.data.readers);
    }
    await catchUp();
  };
  const onDisconnect = () => setStatus("offline");
  const onPresence = (presence: { threadId: string; readers: number }) => {
    if (presence.threadId === threadId) options.onReaders?.(presence.readers);
  };
  const onChange = (change: ThreadChange) => {
    const changeThread = change.type === "reactions:updated" ? change.threadId : change.post.threadId;
    if (changeThread === threadId) receive(change);
  };

  const onResync = () => void catchUp();

  for (const event of changeEvents) socket.on(event, onChange);
  socket.on("realtime:resync", onResync);
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  socket.on("presence:updated", onPresence);
  if (socket.connected) void onConnect();
  else setStatus("connecting");

  return {
    lastSeq: () => lastSeq,
    catchUp,
    stop() {
      stopped = true;
      clearTimeout(gapTimer);
      for (const event of changeEvents) socket.off(event, onChange);
      socket.off("realtime:resync", onResync);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("presence:updated", onPresence);
    },
  };
}
