import { describe, expect, it } from "vitest";
import { createGroupCommit, type Outcome } from "./group-commit";

/** A commit function that records its batches and waits until told to finish each. */
function recordingCommit() {
  const batches: { key: string; items: number[] }[] = [];
  const finishers: (() => void)[] = [];
  const commit = (key: string, items: number[]) =>
    new Promise<Outcome<number>[]>((resolve) => {
      batches.push({ key, items });
      finishers.push(() =>
        resolve(
          items.map((item) =>
            item < 0 ? { ok: false, error: new Error(`bad ${item}`) } : { ok: true, value: item * 10 },
          ),
        ),
      );
    });
  const finishNext = async () => {
    while (finishers.length === 0) await new Promise((resolve) => setImmediate(resolve));
    finishers.shift()!();
  };
  return { batches, commit, finishNext };
}

describe("group commit", () => {
  it("commits what arrives while a batch runs together in the next batch, in order", async () => {
    const { batches, commit, finishNext } = recordingCommit();
    const group = createGroupCommit(commit);
    const first = group.submit("thread-a", 1);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((item) => group.submit("thread-a", item));
    await finishNext();
    await finishNext();
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([
      { key: "thread-a", items: [1] },
      { key: "thread-a", items: [2, 3, 4] },
    ]);
    expect(group.activeKeys()).toBe(0);
  });

  it("runs different keys side by side, and caps a batch's size", async () => {
    const { batches, commit, finishNext } = recordingCommit();
    const group = createGroupCommit(commit, { maxBatch: 2 });
    const results = [group.submit("a", 1), group.submit("b", 2), group.submit("a", 3), group.submit("a", 5)];
    for (let i = 0; i < 3; i++) await finishNext();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 50]);
    expect(batches).toEqual([
      { key: "a", items: [1, 3] },
      { key: "b", items: [2] },
      { key: "a", items: [5] },
    ]);
  });

  it("settles each item on its own outcome, and fails a whole batch whose commit throws", async () => {
    const { commit, finishNext } = recordingCommit();
    const group = createGroupCommit(commit);
    const good = group.submit("a", 1);
    const bad = group.submit("a", -1);
    await finishNext();
    expect(await good).toBe(10);
    await expect(bad).rejects.toThrow("bad -1");

    const broken = createGroupCommit<number, number>(async () => {
      throw new Error("database gone");
    });
    const both = [broken.submit("a", 1), broken.submit("a", 2)];
    for (const result of both) await expect(result).rejects.toThrow("database gone");
    // The key is free again: the next write starts a new batch.
    expect(broken.activeKeys()).toBe(0);
  });
});
