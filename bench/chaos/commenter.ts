import { randomUUID } from "node:crypto";
import { io as connect } from "socket.io-client";
import { startThreadSync, type ClientSocket, type ThreadSync } from "../../lib/realtime/thread-sync";

/**
 * A member of the chaos run, as the browser client behaves: one socket with the session cookie,
 * the real thread sync (live changes in seq order, catch-up after every reconnection or gap),
 * and an outbox that re-sends each comment under the same client id until it is acknowledged.
 */
export interface SentComment {
  clientId: string;
  body: string;
  sentAt: number;
  attempts: number;
  ackedAt: number | null;
  postId: string | null;
  seq: number | null;
  /** Why the last attempt failed, while it is unacknowledged. */
  lastError: string | null;
}

export interface Commenter {
  name: string;
  instance: number;
  threadId: string;
  sent: SentComment[];
  /** The thread's comments as this member sees them, in seq order (post ids). */
  view(): string[];
  /** When each comment (by post id) reached this member: live or through a catch-up. */
  arrivals: Map<string, number>;
  unacknowledged(): number;
  pending(): SentComment[];
  /** Queues a comment; the outbox sends it now and re-sends it until it is acknowledged. */
  post(): SentComment;
  catchUp(): Promise<void>;
  close(): void;
}

const ackTimeoutMs = 5_000;
const retryEveryMs = 1_000;

export function startCommenter(options: {
  name: string;
  url: string;
  instance: number;
  cookie: string;
  threadId: string;
  takeawayIds: string[];
  /** Where the run's clock starts: `sentAt` and arrivals count from it. */
  now: () => number;
}): Commenter {
  const { name, threadId, now } = options;
  const socket: ClientSocket = connect(options.url, {
    transports: ["websocket"],
    forceNew: true,
    extraHeaders: { cookie: options.cookie },
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
  });
  const seen: { id: string; seq: number }[] = [];
  const arrivals = new Map<string, number>();
  const sync: ThreadSync = startThreadSync({
    socket,
    threadId,
    lastSeq: 0,
    apply: (change) => {
      // Members' comments only: the imported takeaways are the system account's posts.
      if (change.type !== "post:created" || !change.post.author || change.post.author.id === "system") return;
      seen.push({ id: change.post.id, seq: change.seq });
      arrivals.set(change.post.id, now());
    },
  });
  const sent: SentComment[] = [];
  const outbox = new Set<SentComment>();
  let counter = 0;
  let closed = false;

  const send = async (comment: SentComment) => {
    if (closed || comment.ackedAt !== null) return;
    comment.attempts += 1;
    const takeawayId = options.takeawayIds[counter % options.takeawayIds.length] ?? null;
    const ack = await socket
      .timeout(ackTimeoutMs)
      .emitWithAck("post:create", { threadId, clientId: comment.clientId, takeawayId, body: comment.body })
      .catch(() => null);
    if (ack?.ok) {
      comment.ackedAt = now();
      comment.postId = ack.data.id;
      comment.seq = ack.data.seq;
      outbox.delete(comment);
      return;
    }
    comment.lastError = ack ? (ack.ok ? null : ack.error.code) : socket.connected ? "timeout" : "offline";
    const wait = (ack && !ack.ok && Number(ack.error.details?.retryAfterMs)) || retryEveryMs;
    setTimeout(() => void send(comment), wait).unref();
  };
  // A reconnection re-sends what is waiting at once, as the browser's outbox does.
  socket.on("connect", () => {
    for (const comment of outbox) void send(comment);
  });

  return {
    name,
    instance: options.instance,
    threadId,
    sent,
    arrivals,
    view: () => [...seen].sort((a, b) => a.seq - b.seq).map((entry) => entry.id),
    unacknowledged: () => outbox.size,
    pending: () => [...outbox],
    post() {
      counter += 1;
      const comment: SentComment = {
        clientId: randomUUID(),
        body: `chaos ${name} n°${counter}`,
        sentAt: now(),
        attempts: 0,
        ackedAt: null,
        postId: null,
        seq: null,
        lastError: null,
      };
      sent.push(comment);
      outbox.add(comment);
      void send(comment);
      return comment;
    },
    catchUp: () => sync.catchUp(),
    close() {
      closed = true;
      sync.stop();
      socket.disconnect();
    },
  };
}
