import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CatchUpResult, PostView, ThreadChange } from "../posts/types";
import { startThreadSync, type ClientSocket } from "./thread-sync";

const threadId = "6f1d7c4e-3b8a-4d2e-9f10-1234567890ab";

function created(seq: number): ThreadChange {
  return {
    seq,
    type: "post:created",
    post: { id: `p${seq}`, threadId, seq } as PostView,
    counts: { total: seq, discussion: seq },
  };
}

/** Just enough of a Socket.IO client: events in, catch-up requests answered from `history`. */
function fakeSocket(history: ThreadChange[], lastSeq: () => number) {
  const emitter = new EventEmitter();
  const requests: number[] = [];
  const socket = {
    connected: true,
    recovered: false,
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    off: (event: string, listener: (...args: unknown[]) => void) => emitter.off(event, listener),
    timeout: () => ({
      emitWithAck: async (event: string, input: { afterSeq?: number }) => {
        if (event === "thread:join") return { ok: true, data: { room: `thread:${threadId}`, readers: 1 } };
        requests.push(input.afterSeq!);
        const changes = history.filter((change) => change.seq > input.afterSeq!);
        const result: CatchUpResult = { changes, upTo: lastSeq(), hasMore: false };
        return { ok: true, data: result };
      },
    }),
  };
  return {
    socket: socket as unknown as ClientSocket,
    emit: (change: ThreadChange) => emitter.emit(change.type, change),
    emitEvent: (event: string) => emitter.emit(event),
    requests,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("startThreadSync", () => {
  it("catches up when the server says it may have missed other instances' broadcasts", async () => {
    const history: ThreadChange[] = [];
    let upTo = 10;
    const fake = fakeSocket(history, () => upTo);
    const applied: number[] = [];
    const sync = startThreadSync({
      socket: fake.socket,
      threadId,
      lastSeq: 10,
      apply: (c) => applied.push(c.seq),
    });
    await vi.waitFor(() => expect(fake.requests).toEqual([10]));
    // Two comments committed on another instance while this one could not hear it: no gap to notice.
    history.push(created(11), created(12));
    upTo = 12;
    fake.emitEvent("realtime:resync");
    await vi.waitFor(() => expect(applied).toEqual([11, 12]));
    expect(fake.requests).toEqual([10, 10]);
    sync.stop();
  });

  it("applies live changes in seq order, holding early ones until the gap fills, and drops duplicates", async () => {
    const fake = fakeSocket([], () => 10);
    const applied: number[] = [];
    const sync = startThreadSync({
      socket: fake.socket,
      threadId,
      lastSeq: 10,
      apply: (c) => applied.push(c.seq),
    });
    await vi.waitFor(() => expect(fake.requests).toEqual([10]));
    fake.emit(created(12));
    fake.emit(created(11));
    fake.emit(created(11));
    fake.emit(created(9));
    fake.emit(created(13));
    expect(applied).toEqual([11, 12, 13]);
    expect(sync.lastSeq()).toBe(13);
    sync.stop();
  });

  it("asks the server for what a lasting gap is missing, from its cursor", async () => {
    vi.useFakeTimers();
    const history = [created(11), created(12), created(13)];
    const fake = fakeSocket(history, () => 13);
    const applied: number[] = [];
    const sync = startThreadSync({
      socket: fake.socket,
      threadId,
      lastSeq: 10,
      apply: (c) => applied.push(c.seq),
      gapTimeoutMs: 1000,
    });
    await vi.waitFor(() => expect(applied).toEqual([11, 12, 13]));
    fake.emit(created(15));
    expect(applied).toEqual([11, 12, 13]);
    history.push(created(14), created(15));
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.requests).toEqual([10, 13]);
    expect(applied).toEqual([11, 12, 13, 14, 15]);
    sync.stop();
  });

  it("moves its cursor over seqs with nothing to apply (imported takeaways, skipped events)", async () => {
    const fake = fakeSocket([created(7)], () => 9);
    const applied: number[] = [];
    const sync = startThreadSync({
      socket: fake.socket,
      threadId,
      lastSeq: 3,
      apply: (c) => applied.push(c.seq),
    });
    await vi.waitFor(() => expect(sync.lastSeq()).toBe(9));
    expect(applied).toEqual([7]);
    fake.emit(created(10));
    expect(applied).toEqual([7, 10]);
    sync.stop();
  });

  it("ignores other threads' changes", async () => {
    const fake = fakeSocket([], () => 1);
    const applied: number[] = [];
    const sync = startThreadSync({
      socket: fake.socket,
      threadId,
      lastSeq: 1,
      apply: (c) => applied.push(c.seq),
    });
    const other = created(2);
    if ("post" in other) other.post = { ...other.post, threadId: "another" };
    fake.emit(other);
    expect(applied).toEqual([]);
    sync.stop();
  });
});
