import { threadRoom } from "./events";
import type { RealtimeServer } from "./server";

export interface ThreadPresence {
  /** Readers in the thread's room on this instance. */
  readers(threadId: string): number;
  /** Someone joined or left: the room hears the new count at the next tick. */
  changed(threadId: string): void;
  /** The server is closing: no count goes out any more (its adapter may already be gone). */
  stop(): void;
}

/**
 * Tells each thread's room how many read it, at most once per `intervalMs`. Telling the room
 * on every join would send N²/2 packets to fill a room of N readers (two million for 2,000
 * arriving after a link is shared), starving the comments themselves; a count a fraction of
 * a second late costs nothing. A joiner gets the count at once in its join acknowledgement.
 */
export function createThreadPresence(io: RealtimeServer, { intervalMs = 500 } = {}): ThreadPresence {
  const changedThreads = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const readers = (threadId: string) => io.of("/").adapter.rooms.get(threadRoom(threadId))?.size ?? 0;

  const tell = () => {
    timer = undefined;
    for (const threadId of changedThreads) {
      io.to(threadRoom(threadId)).emit("presence:updated", { threadId, readers: readers(threadId) });
    }
    changedThreads.clear();
  };

  return {
    readers,
    changed(threadId) {
      if (stopped) return;
      changedThreads.add(threadId);
      // Unref'd: a pending count never keeps a closing server alive.
      timer ??= setTimeout(tell, intervalMs).unref();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      changedThreads.clear();
    },
  };
}
