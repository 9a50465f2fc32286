/** What one item of a batch came to: each item succeeds or fails on its own. */
export type Outcome<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

export interface GroupCommit<Item, Result> {
  /** Resolves once the batch holding `item` has committed, with what became of it. */
  submit(key: string, item: Item): Promise<Result>;
  /** Keys with a batch running or waiting (a key's queue is dropped once it drains). */
  activeKeys(): number;
}

export interface GroupCommitOptions {
  /** Items per batch at most. */
  maxBatch?: number;
}

interface Pending<Item, Result> {
  item: Item;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
}

interface KeyQueue<Item, Result> {
  waiting: Pending<Item, Result>[];
  running: boolean;
  scheduled: boolean;
}

/**
 * Group commit for writes that all take one lock per key (a thread's row). Writes to one key
 * are serialized by that lock anyway; instead of each waiting its turn to run a transaction of
 * its own, the writes that arrive while a key's batch is committing wait and go together in
 * the next one. A lone write starts at once (no added delay when idle); under load a single
 * transaction carries many writes, so the lock, the round trips and the commit are paid once
 * per batch instead of once per write. One batch of a key at a time: a second would find the
 * key changed by the first and start over (lib/posts/comment-batch.ts writes optimistically).
 * Different keys commit in parallel.
 */
export function createGroupCommit<Item, Result>(
  commit: (key: string, items: Item[]) => Promise<Outcome<Result>[]>,
  { maxBatch = 100 }: GroupCommitOptions = {},
): GroupCommit<Item, Result> {
  const queues = new Map<string, KeyQueue<Item, Result>>();

  const settle = (batch: Pending<Item, Result>[], outcomes: Outcome<Result>[]) => {
    batch.forEach((pending, index) => {
      const outcome = outcomes[index] ?? { ok: false, error: new Error("Batch lost an item.") };
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  };

  const start = (key: string, queue: KeyQueue<Item, Result>) => {
    if (queue.waiting.length > 0 && !queue.running) {
      const batch = queue.waiting.splice(0, maxBatch);
      queue.running = true;
      void commit(
        key,
        batch.map((pending) => pending.item),
      )
        .catch((error: unknown) => batch.map((): Outcome<Result> => ({ ok: false, error })))
        .then((outcomes) => {
          queue.running = false;
          settle(batch, outcomes);
          start(key, queue);
        });
    }
    if (!queue.running && !queue.scheduled) queues.delete(key);
  };

  // Writes that arrive in the same turn of the event loop (one read of a busy socket) share a batch.
  const schedule = (key: string, queue: KeyQueue<Item, Result>) => {
    if (queue.scheduled || queue.running) return;
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      start(key, queue);
    });
  };

  return {
    submit(key, item) {
      return new Promise<Result>((resolve, reject) => {
        let queue = queues.get(key);
        if (!queue) queues.set(key, (queue = { waiting: [], running: false, scheduled: false }));
        queue.waiting.push({ item, resolve, reject });
        schedule(key, queue);
      });
    },
    activeKeys: () => queues.size,
  };
}
