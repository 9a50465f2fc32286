/** What one item of a batch came to: each item succeeds or fails on its own. */
export type Outcome<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

export interface GroupCommit<Item, Result> {
  /** Resolves once the batch holding `item` has committed, with what became of it. */
  submit(key: string, item: Item): Promise<Result>;
  /** Keys with a batch running or waiting (a key's queue is dropped once it drains). */
  activeKeys(): number;
}

interface Pending<Item, Result> {
  item: Item;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for writes that all take one lock per key (a thread's row). Writes to one key
 * are serialized by that lock anyway; instead of each waiting its turn to run a transaction of
 * its own, the writes that arrive while a key's batch is committing wait and go together in
 * the next one. A lone write starts at once (no added delay when idle); under load a single
 * transaction carries many writes, so the lock, the round trips and the commit are paid once
 * per batch instead of once per write. Different keys commit in parallel.
 */
export function createGroupCommit<Item, Result>(
  commit: (key: string, items: Item[]) => Promise<Outcome<Result>[]>,
  { maxBatch = 100 }: { maxBatch?: number } = {},
): GroupCommit<Item, Result> {
  const queues = new Map<string, Pending<Item, Result>[]>();

  const drain = async (key: string, waiting: Pending<Item, Result>[]) => {
    // Writes that arrive in the same turn of the event loop (one read of a busy socket) share
    // the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      const outcomes = await commit(
        key,
        batch.map((pending) => pending.item),
      ).catch((error: unknown) => batch.map((): Outcome<Result> => ({ ok: false, error })));
      batch.forEach((pending, index) => {
        const outcome = outcomes[index] ?? { ok: false, error: new Error("Batch lost an item.") };
        if (outcome.ok) pending.resolve(outcome.value);
        else pending.reject(outcome.error);
      });
    }
    queues.delete(key);
  };

  return {
    submit(key, item) {
      return new Promise<Result>((resolve, reject) => {
        const waiting = queues.get(key);
        if (waiting) {
          waiting.push({ item, resolve, reject });
          return;
        }
        const fresh = [{ item, resolve, reject }];
        queues.set(key, fresh);
        void drain(key, fresh);
      });
    },
    activeKeys: () => queues.size,
  };
}
