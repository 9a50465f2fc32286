import { describe, expect, it } from "vitest";
import { createOutbox, forgetMemberDrafts, outboxKey, type OutboxItem } from "./outbox";
import type { ClientSocket } from "./thread-sync";

/** A browser's localStorage, shared by whoever signs in on it. */
function browserStorage() {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    key: (index: number) => [...data.keys()][index] ?? null,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

// Offline: nothing is sent, everything stays queued.
const offlineSocket = { connected: false, on() {}, off() {} } as unknown as ClientSocket;

const threadId = "0b9f6a3e-5c1d-4f4e-9c1a-2d3e4f5a6b7c";

function outboxOf(memberId: string, storage: ReturnType<typeof browserStorage>) {
  return createOutbox({ socket: offlineSocket, threadId, memberId, storage, onSent: () => {} });
}

describe("the offline outbox on a shared browser", () => {
  it("keeps each member's queued comments apart, recording who wrote them", () => {
    const storage = browserStorage();
    const alice = outboxOf("alice", storage);
    const item = alice.add({ clientId: "c1", takeawayId: null, parentId: null, body: "Écrit hors ligne" });
    alice.stop();
    expect(item.authorId).toBe("alice");
    expect(JSON.parse(storage.getItem(outboxKey("alice", threadId))!)).toMatchObject([
      { clientId: "c1", authorId: "alice" },
    ]);

    const bob = outboxOf("bob", storage);
    expect(bob.items()).toEqual([]);
    expect(outboxOf("alice", storage).items()).toMatchObject([{ clientId: "c1" }]);
  });

  it("never loads a comment another member wrote, even placed under this member's key", () => {
    const storage = browserStorage();
    const planted: OutboxItem = {
      clientId: "c2",
      threadId,
      authorId: "alice",
      takeawayId: null,
      parentId: null,
      body: "x",
      createdAt: new Date().toISOString(),
    };
    storage.setItem(
      outboxKey("bob", threadId),
      JSON.stringify([planted, { ...planted, authorId: undefined }]),
    );
    expect(outboxOf("bob", storage).items()).toEqual([]);
  });

  it("forgets a member's drafts at sign-out, and the unattributed queues of before, but no one else's", () => {
    const storage = browserStorage();
    outboxOf("alice", storage).add({ clientId: "a", takeawayId: null, parentId: null, body: "a" });
    outboxOf("bob", storage).add({ clientId: "b", takeawayId: null, parentId: null, body: "b" });
    storage.setItem(`agora:outbox:${threadId}`, "[]");
    storage.setItem("agora:autre-chose", "garde");

    forgetMemberDrafts(storage, "alice");

    expect([...storage.data.keys()].sort()).toEqual(["agora:autre-chose", outboxKey("bob", threadId)].sort());
  });
});
