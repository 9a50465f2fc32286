import type { ErrorBody } from "../errors";
import type { PostView } from "../posts/types";
import type { ClientSocket } from "./thread-sync";

/** A comment written in the browser, kept until the server acknowledges it. */
export interface OutboxItem {
  clientId: string;
  threadId: string;
  /** The member who wrote it: the server refuses to publish it under anyone else's name. */
  authorId: string;
  takeawayId: string | null;
  parentId: string | null;
  body: string;
  createdAt: string;
  /** Set when the server refused it for good (not for a lost connection). */
  error?: ErrorBody;
}

/** The subset of localStorage the outbox needs (tests pass a Map-backed one). */
export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface OutboxOptions {
  socket: ClientSocket;
  threadId: string;
  /** The signed-in member: each member's queue is their own, even on a shared browser. */
  memberId: string;
  storage: OutboxStorage | null;
  onSent: (item: OutboxItem, post: PostView) => void;
  onFailed?: (item: OutboxItem) => void;
  onChange?: (items: OutboxItem[]) => void;
  timeoutMs?: number;
}

export interface Outbox {
  add(item: Omit<OutboxItem, "createdAt" | "threadId" | "authorId">): OutboxItem;
  /** Sends everything pending, in the order written; runs on every (re)connection. */
  flush(): Promise<void>;
  discard(clientId: string): void;
  items(): OutboxItem[];
  stop(): void;
}

/** Ids a retry can reuse, from a secure random source (crypto.randomUUID needs HTTPS). */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const keyPrefix = "agora:outbox:";

/** Where one member's queue for one thread lives in storage. */
export function outboxKey(memberId: string, threadId: string): string {
  return `${keyPrefix}${memberId}:${threadId}`;
}

/** The subset of localStorage that forgetting a member's drafts needs. */
export interface EnumerableStorage {
  readonly length: number;
  key(index: number): string | null;
  removeItem(key: string): void;
}

/**
 * Forgets every comment a member left queued on this browser, at sign-out: the next person
 * to sign in here must not find them, let alone send them. Also drops the queues of before
 * they were kept per member, whose author nobody can tell.
 */
export function forgetMemberDrafts(storage: EnumerableStorage, memberId: string): void {
  const doomed: string[] = [];
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index);
    if (!key?.startsWith(keyPrefix)) continue;
    const rest = key.slice(keyPrefix.length);
    if (rest.startsWith(`${memberId}:`) || !rest.includes(":")) doomed.push(key);
  }
  for (const key of doomed) storage.removeItem(key);
}

const retryable = (error: ErrorBody) =>
  error.code.startsWith("rate_limited:") ||
  error.code.startsWith("internal:") ||
  error.code.startsWith("unavailable:");

/**
 * The offline queue. A comment goes to storage first, then to the server; it leaves storage
 * only on the server's acknowledgement (sent after the commit). A lost connection or a
 * timeout leaves it queued, and the next connection sends it again with the same client id,
 * which the server answers with the comment it already stored: sent once, never twice.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { socket, threadId, storage, memberId } = options;
  const key = outboxKey(memberId, threadId);
  const timeoutMs = options.timeoutMs ?? 10_000;
  let queue: OutboxItem[] = read();
  let flushing: Promise<void> | null = null;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function read(): OutboxItem[] {
    try {
      const raw = storage?.getItem(key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      // Storage is the browser's, not the member's: keep only what this member wrote here.
      return Array.isArray(parsed)
        ? (parsed as OutboxItem[]).filter((item) => item?.authorId === memberId && item.threadId === threadId)
        : [];
    } catch {
      return [];
    }
  }

  const save = () => {
    try {
      storage?.setItem(key, JSON.stringify(queue));
    } catch {
      // Storage full or disabled (private browsing): the queue still lives in memory.
    }
    options.onChange?.([...queue]);
  };

  const send = async (item: OutboxItem): Promise<"sent" | "failed" | "later"> => {
    const { error: _previous, createdAt: _createdAt, ...payload } = item;
    let ack;
    try {
      ack = await socket.timeout(timeoutMs).emitWithAck("post:create", payload);
    } catch {
      return "later";
    }
    if (ack.ok) {
      queue = queue.filter((queued) => queued.clientId !== item.clientId);
      save();
      options.onSent(item, ack.data);
      return "sent";
    }
    if (retryable(ack.error)) {
      const wait = Number(ack.error.details?.retryAfterMs ?? 2000);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void flush(), Math.max(wait, 200));
      return "later";
    }
    queue = queue.map((queued) =>
      queued.clientId === item.clientId ? { ...queued, error: ack.error } : queued,
    );
    save();
    options.onFailed?.({ ...item, error: ack.error });
    return "failed";
  };

  const flush = (): Promise<void> => {
    if (flushing) {
      again = true;
      return flushing;
    }
    const run = async () => {
      // In the order written, one at a time.
      for (const item of [...queue]) {
        if (stopped || !socket.connected) return;
        if (item.error) continue;
        if ((await send(item)) === "later") return;
      }
    };
    again = false;
    // `.finally` runs after the assignment even when `run` returns at once; a flush asked
    // for meanwhile (an item added) runs next.
    flushing = run().finally(() => {
      flushing = null;
      if (again && !stopped) void flush();
    });
    return flushing;
  };

  const onConnect = () => void flush();
  socket.on("connect", onConnect);
  if (socket.connected) void flush();

  return {
    add(fields) {
      const item: OutboxItem = {
        ...fields,
        threadId,
        authorId: memberId,
        createdAt: new Date().toISOString(),
      };
      queue = [...queue, item];
      save();
      void flush();
      return item;
    },
    flush,
    discard(clientId) {
      queue = queue.filter((item) => item.clientId !== clientId);
      save();
    },
    items: () => [...queue],
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      socket.off("connect", onConnect);
    },
  };
}
