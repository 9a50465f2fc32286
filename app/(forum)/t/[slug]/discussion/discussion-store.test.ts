import { describe, expect, it } from "vitest";
import type { PostView, ThreadChange, ThreadDiscussionSnapshot } from "@/lib/posts/types";
import { discussionReducer, initialState, visiblePending, type DiscussionState } from "./discussion-store";

const threadId = "t";
const takeaway = "k1";

function post(id: string, seq: number, fields: Partial<PostView> = {}): PostView {
  return {
    id,
    threadId,
    takeawayId: takeaway,
    parentId: null,
    rootId: id,
    depth: 0,
    seq,
    author: { id: "alice", name: "Alice" },
    body: id,
    html: `<p>${id}</p>`,
    createdAt: "2026-11-26T10:00:00.000Z",
    editedAt: null,
    state: "visible",
    hiddenReason: null,
    featured: false,
    replyCount: 0,
    reactions: { emoji: {}, stance: {} },
    clientId: `client-${id}`,
    ...fields,
  };
}

function snapshot(comments: PostView[], nextCursor: string | null = null): ThreadDiscussionSnapshot {
  return {
    threadId,
    lastSeq: 20,
    total: comments.length,
    discussions: {
      [takeaway]: { count: comments.length, comments, nextCursor },
      general: { count: 0, comments: [], nextCursor: null },
    },
    takeawayReactions: { [takeaway]: { emoji: {}, stance: {} } },
    mine: {},
    focus: null,
  };
}

const created = (seq: number, value: PostView, discussion: number): ThreadChange => ({
  seq,
  type: "post:created",
  post: value,
  counts: { total: discussion, discussion },
});

describe("the discussion store", () => {
  it("starts from the server's snapshot: roots in order, replies under their parents", () => {
    const root = post("a", 5, { replyCount: 1 });
    const reply = post("b", 6, { parentId: "a", rootId: "a", depth: 1 });
    const state = initialState(snapshot([root, reply, post("c", 7)]));
    expect(state.discussions[takeaway]).toMatchObject({ count: 3, rootIds: ["a", "c"], pagedUpTo: Infinity });
    expect(state.children).toEqual({ a: ["b"] });
  });

  it("appends a live comment, counts it, and marks it new when someone else wrote it", () => {
    let state = initialState(snapshot([post("a", 5)]));
    state = discussionReducer(state, {
      type: "change",
      change: created(21, post("n", 21, { author: { id: "bob", name: "Bob" } }), 2),
      viewerId: "alice",
    });
    expect(state.discussions[takeaway]).toMatchObject({ count: 2, rootIds: ["a", "n"] });
    expect(state.fresh).toEqual({ n: true });
    expect(discussionReducer(state, { type: "seen", postId: "n" }).fresh).toEqual({});
  });

  it("counts a new reply once, whether the acknowledgement or the broadcast comes first", () => {
    const start = initialState(snapshot([post("a", 5)]));
    const reply = post("r", 21, { parentId: "a", rootId: "a", depth: 1 });
    const ackFirst = [
      { type: "own-post", post: reply } as const,
      { type: "change", change: created(21, reply, 2), viewerId: "alice" } as const,
    ];
    for (const order of [ackFirst, [...ackFirst].reverse()]) {
      const state = order.reduce<DiscussionState>(
        (current, action) => discussionReducer(current, action),
        start,
      );
      expect(state.posts.a?.replyCount).toBe(1);
      expect(state.children.a).toEqual(["r"]);
      expect(state.confirmed).toEqual({ r: true });
    }
  });

  it("replaces an edited or deleted comment in place, and takes counts as given", () => {
    let state = initialState(snapshot([post("a", 5), post("b", 6)]));
    state = discussionReducer(state, {
      type: "change",
      change: {
        seq: 21,
        type: "post:deleted",
        post: post("a", 5, { state: "deleted", body: "", html: "", author: null }),
        counts: { total: 1, discussion: 1 },
      },
      viewerId: null,
    });
    expect(state.posts.a?.state).toBe("deleted");
    expect(state.discussions[takeaway]?.rootIds).toEqual(["a", "b"]);
    expect(state.discussions[takeaway]?.count).toBe(1);
    expect(state.total).toBe(1);
  });

  it("updates counts and the viewer's own buttons from reaction changes", () => {
    let state = initialState(snapshot([post("a", 5)]));
    const reactions = { emoji: { "👏": { count: 1, names: ["Alice"] } }, stance: {} };
    state = discussionReducer(state, {
      type: "change",
      change: {
        seq: 21,
        type: "reactions:updated",
        threadId,
        postId: "a",
        reactions,
        change: { kind: "emoji", value: "👏", active: true, actorId: "alice" },
      },
      viewerId: "alice",
    });
    expect(state.posts.a?.reactions).toEqual(reactions);
    expect(state.mine.a).toEqual({ emoji: ["👏"], stance: null });
    const stances = { emoji: {}, stance: { nuance: { count: 1, names: ["Bob"] } } };
    state = discussionReducer(state, {
      type: "change",
      change: {
        seq: 22,
        type: "reactions:updated",
        threadId,
        postId: takeaway,
        reactions: stances,
        change: { kind: "stance", value: "nuance", active: true, actorId: "bob" },
      },
      viewerId: "alice",
    });
    expect(state.takeawayReactions[takeaway]).toEqual(stances);
    expect(state.mine[takeaway]).toBeUndefined();
  });

  it("keeps live arrivals after the unloaded pages, then merges a loaded page before them", () => {
    let state = initialState(snapshot([post("a", 5)], "cursor-a"));
    expect(state.discussions[takeaway]?.pagedUpTo).toBe(5);
    state = discussionReducer(state, {
      type: "change",
      change: created(30, post("live", 30), 3),
      viewerId: null,
    });
    state = discussionReducer(state, {
      type: "page",
      discussion: takeaway,
      page: { comments: [post("b", 8), post("c", 9)], mine: {}, nextCursor: null },
    });
    expect(state.discussions[takeaway]).toMatchObject({
      rootIds: ["a", "b", "c", "live"],
      nextCursor: null,
      pagedUpTo: Infinity,
    });
  });

  it("shows a pending comment until a stored one carries its client id", () => {
    let state = initialState(snapshot([]));
    const item = {
      clientId: "client-z",
      threadId,
      authorId: "alice",
      takeawayId: takeaway,
      parentId: null,
      body: "z",
      createdAt: "",
    };
    state = discussionReducer(state, { type: "pending", items: [item] });
    expect(visiblePending(state, { takeawayId: takeaway, parentId: null })).toEqual([item]);
    expect(visiblePending(state, { takeawayId: null, parentId: null })).toEqual([]);
    state = discussionReducer(state, {
      type: "change",
      change: created(21, post("z", 21), 1),
      viewerId: "alice",
    });
    expect(visiblePending(state, { takeawayId: takeaway, parentId: null })).toEqual([]);
  });
});
