import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { Actor } from "../auth/authorization";
import { setStance, toggleReaction } from "../reactions/react";
import { createComment } from "./create-comment";
import { encodeSeqCursor } from "./cursor";
import {
  commentsPerPage,
  repliesPerConversation,
  takeawayPreviewComments,
  takeawayPreviewReplies,
  visibleReplyDepth,
} from "./limits";
import { listBranch, listDiscussion, loadThreadDiscussion } from "./list-discussion";
import { createCommentSchema } from "./schemas";
import { newClientId, seedDiscussion, type SeededDiscussion } from "./testing";
import type { PostView } from "./types";

let database: TestDatabase;
let seeded: SeededDiscussion;
let alice: Actor;
let bob: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db, { takeaways: 2 });
  ({ alice, bob } = seeded.members);
});
afterAll(async () => {
  await database.close();
});

async function write(author: Actor, fields: { takeawayId?: string; parentId?: string; body?: string }) {
  const input = createCommentSchema.parse({
    threadId: seeded.threadId,
    clientId: newClientId(),
    body: "Avis",
    ...fields,
  });
  return (await createComment(database.db, author, input)).post;
}

/** A chain of replies under `parent`, `length` deep. */
async function chain(parent: PostView, length: number): Promise<PostView[]> {
  const chainPosts: PostView[] = [];
  let current = parent;
  for (let i = 0; i < length; i++) {
    current = await write(i % 2 ? alice : bob, { parentId: current.id, body: `niveau ${current.depth + 1}` });
    chainPosts.push(current);
  }
  return chainPosts;
}

describe("listDiscussion", () => {
  it("walks a discussion's top-level comments by keyset, each page with its conversations", async () => {
    const takeawayId = seeded.takeawayIds[1]!;
    const tops: PostView[] = [];
    for (let i = 0; i < commentsPerPage + 3; i++)
      tops.push(await write(alice, { takeawayId, body: `top ${i}` }));
    const replies = await chain(tops[0]!, 2);
    // Written meanwhile elsewhere: never mixed in.
    await write(bob, { body: "ailleurs" });

    const first = await listDiscussion(database.db, null, { threadId: seeded.threadId, takeawayId });
    const firstTops = first.comments.filter((comment) => comment.parentId === null);
    expect(firstTops.map((comment) => comment.body)).toEqual(
      tops.slice(0, commentsPerPage).map((t) => t.body),
    );
    expect(first.comments.filter((comment) => comment.parentId).map((comment) => comment.id)).toEqual(
      replies.map((reply) => reply.id),
    );
    expect(first.nextCursor).toBe(encodeSeqCursor(tops[commentsPerPage - 1]!.seq));

    // A comment written after the first page was read still comes in order on the next one.
    const late = await write(bob, { takeawayId, body: "en retard" });
    const second = await listDiscussion(database.db, null, {
      threadId: seeded.threadId,
      takeawayId,
      after: first.nextCursor,
    });
    expect(second.comments.map((comment) => comment.body)).toEqual([
      ...tops.slice(commentsPerPage).map((t) => t.body),
      late.body,
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows replies five levels deep, the first ones of each conversation, with reply counts", async () => {
    const top = await write(alice, { body: "racine" });
    const deep = await chain(top, visibleReplyDepth + 2);
    const siblings: PostView[] = [];
    for (let i = 0; i < repliesPerConversation; i++)
      siblings.push(await write(bob, { parentId: top.id, body: `frère ${i}` }));

    const page = await listDiscussion(database.db, null, { threadId: seeded.threadId, takeawayId: null });
    const conversation = page.comments.filter((comment) => comment.rootId === top.id);
    expect(Math.max(...conversation.map((comment) => comment.depth))).toBe(visibleReplyDepth);
    expect(conversation).toHaveLength(1 + repliesPerConversation);
    // The seq prefix of a conversation is a tree: every parent shown precedes its replies.
    const shown = new Set<string>();
    for (const comment of conversation) {
      if (comment.parentId) expect(shown).toContain(comment.parentId);
      shown.add(comment.id);
    }
    expect(conversation.find((comment) => comment.id === top.id)?.replyCount).toBe(
      1 + repliesPerConversation,
    );
    expect(conversation.find((comment) => comment.id === deep[visibleReplyDepth - 1]!.id)?.replyCount).toBe(
      1,
    );
  });

  it("refuses a cursor that is not one", async () => {
    await expect(
      listDiscussion(database.db, null, {
        threadId: seeded.threadId,
        takeawayId: null,
        after: "n'importe quoi",
      }),
    ).rejects.toMatchObject({ code: "bad_request:cursor" });
  });
});

describe("listBranch", () => {
  it("opens a conversation past five levels: the way down, the comment, its replies five levels further", async () => {
    const top = await write(alice, { body: "début" });
    const deep = await chain(top, 12);
    const focus = deep[5]!; // depth 6: beyond what the thread page shows
    const branch = await listBranch(database.db, bob.id, { postId: focus.id });
    expect(branch.focus.id).toBe(focus.id);
    expect(branch.ancestors.map((post) => post.id)).toEqual([
      top.id,
      ...deep.slice(0, 5).map((post) => post.id),
    ]);
    expect(branch.comments.map((post) => post.depth)).toEqual([7, 8, 9, 10, 11]);
    expect(branch.nextCursor).toBeNull();
  });

  it("pages a crowded branch by seq and leaves other branches out", async () => {
    const top = await write(alice, { body: "foule" });
    const [branchStart] = await chain(top, 1);
    const other = await write(bob, { parentId: top.id, body: "autre branche" });
    for (let i = 0; i < 55; i++)
      await write(i % 2 ? alice : bob, { parentId: branchStart!.id, body: `r${i}` });
    await write(alice, { parentId: other.id, body: "pas dans la branche" });
    const first = await listBranch(database.db, null, { postId: branchStart!.id });
    expect(first.comments).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await listBranch(database.db, null, { postId: branchStart!.id, after: first.nextCursor });
    expect(second.comments.map((post) => post.body)).toEqual(["r50", "r51", "r52", "r53", "r54"]);
    expect(second.ancestors).toEqual([]);
  });
});

describe("loadThreadDiscussion", () => {
  it("gives each discussion its count, first page and stance balance, with the viewer's reactions", async () => {
    const fresh = await seedDiscussion(database.db, { takeaways: 2 });
    const [t1, t2] = fresh.takeawayIds as [string, string];
    const input = (fields: object) =>
      createCommentSchema.parse({
        threadId: fresh.threadId,
        clientId: newClientId(),
        body: "Avis",
        ...fields,
      });
    const c1 = (await createComment(database.db, fresh.members.alice, input({ takeawayId: t1 }))).post;
    await createComment(database.db, fresh.members.bob, input({ parentId: c1.id }));
    await createComment(database.db, fresh.members.bob, input({}));
    await setStance(database.db, fresh.members.bob, { postId: t1, stance: "agree" });
    await setStance(database.db, fresh.members.carol, { postId: t1, stance: "disagree" });
    await toggleReaction(database.db, fresh.members.bob, { postId: c1.id, emoji: "❤️" });

    const snapshot = await loadThreadDiscussion(database.db, fresh.members.bob.id, fresh.threadId, [t1, t2]);
    expect(snapshot.lastSeq).toBe(2 + 6);
    expect(snapshot.total).toBe(3);
    expect(snapshot.discussions[t1]).toMatchObject({ count: 2, nextCursor: null });
    expect(snapshot.discussions[t1]!.comments).toHaveLength(2);
    expect(snapshot.discussions[t2]).toEqual({ count: 0, comments: [], nextCursor: null });
    expect(snapshot.discussions.general).toMatchObject({ count: 1 });
    expect(snapshot.takeawayReactions[t1]!.stance).toEqual({
      agree: { count: 1, names: ["Bob"] },
      disagree: { count: 1, names: ["Carol"] },
    });
    expect(snapshot.mine[t1]).toEqual({ emoji: [], stance: "agree" });
    expect(snapshot.mine[c1.id]).toEqual({ emoji: ["❤️"], stance: null });
    expect(snapshot.focus).toBeNull();
    // Bob may edit his reply, so its source comes along; Alice's comment is only read.
    const [aliceComment, bobReply] = snapshot.discussions[t1]!.comments;
    expect(aliceComment).toMatchObject({ id: c1.id, body: "", html: "<p>Avis</p>" });
    expect(bobReply).toMatchObject({ body: "Avis", html: "<p>Avis</p>" });
  });

  it("previews each takeaway's discussion, gives the thread's own a full first page, and resumes after the preview", async () => {
    const fresh = await seedDiscussion(database.db, { takeaways: 1 });
    const [takeawayId] = fresh.takeawayIds as [string];
    const input = (fields: object) =>
      createCommentSchema.parse({
        threadId: fresh.threadId,
        clientId: newClientId(),
        body: "Avis",
        ...fields,
      });
    const write = async (fields: object) =>
      (await createComment(database.db, fresh.members.alice, input(fields))).post;
    const onTakeaway: PostView[] = [];
    const onArticle: PostView[] = [];
    for (let i = 0; i < commentsPerPage + 1; i++) {
      onTakeaway.push(await write({ takeawayId, body: `point ${i}` }));
      onArticle.push(await write({ body: `article ${i}` }));
    }
    for (let i = 0; i < repliesPerConversation + 1; i++) {
      await write({ parentId: onTakeaway[0]!.id });
      await write({ parentId: onArticle[0]!.id });
    }

    const snapshot = await loadThreadDiscussion(database.db, null, fresh.threadId, [takeawayId]);
    const preview = snapshot.discussions[takeawayId]!;
    expect(preview.comments.filter((c) => !c.parentId).map((c) => c.id)).toEqual(
      onTakeaway.slice(0, takeawayPreviewComments).map((c) => c.id),
    );
    expect(preview.comments.filter((c) => c.parentId)).toHaveLength(takeawayPreviewReplies);
    expect(preview.nextCursor).toBe(encodeSeqCursor(onTakeaway[takeawayPreviewComments - 1]!.seq));
    const article = snapshot.discussions.general!;
    expect(article.comments.filter((c) => !c.parentId)).toHaveLength(commentsPerPage);
    expect(article.comments.filter((c) => c.parentId)).toHaveLength(repliesPerConversation);

    const next = await listDiscussion(database.db, null, {
      threadId: fresh.threadId,
      takeawayId,
      after: preview.nextCursor,
    });
    expect(next.comments.map((c) => c.id)).toEqual(
      onTakeaway.slice(takeawayPreviewComments, takeawayPreviewComments + commentsPerPage).map((c) => c.id),
    );
  });

  it("loads a linked comment into its tree, or apart with its context when deeper or further", async () => {
    const fresh = await seedDiscussion(database.db, { takeaways: 1 });
    const input = (fields: object) =>
      createCommentSchema.parse({
        threadId: fresh.threadId,
        clientId: newClientId(),
        body: "Avis",
        ...fields,
      });
    const tops: PostView[] = [];
    for (let i = 0; i < commentsPerPage + 1; i++) {
      tops.push((await createComment(database.db, fresh.members.alice, input({ body: `top ${i}` }))).post);
    }
    // Inline: the twelfth reply of the first conversation, not among its first ten.
    for (let i = 0; i < repliesPerConversation + 1; i++) {
      await createComment(database.db, fresh.members.bob, input({ parentId: tops[0]!.id }));
    }
    const late = (
      await createComment(database.db, fresh.members.bob, input({ parentId: tops[0]!.id, body: "tard" }))
    ).post;
    const inline = await loadThreadDiscussion(database.db, null, fresh.threadId, fresh.takeawayIds, late.id);
    expect(inline.focus).toMatchObject({
      postId: late.id,
      discussion: "general",
      inline: true,
      comments: [],
    });
    expect(inline.discussions.general!.comments.map((comment) => comment.id)).toContain(late.id);

    // Apart: a reply in a conversation that is not on the first page.
    const lastTop = tops.at(-1)!;
    const reply = (
      await createComment(database.db, fresh.members.bob, input({ parentId: lastTop.id, body: "loin" }))
    ).post;
    const apart = await loadThreadDiscussion(database.db, null, fresh.threadId, fresh.takeawayIds, reply.id);
    expect(apart.focus).toMatchObject({ postId: reply.id, inline: false, parent: { id: lastTop.id } });
    expect(apart.focus!.comments.map((comment) => comment.id)).toEqual([reply.id]);
    expect(apart.discussions.general!.comments.map((comment) => comment.id)).not.toContain(reply.id);

    // A link to nothing, or to another thread's comment, is ignored.
    const none = await loadThreadDiscussion(
      database.db,
      null,
      fresh.threadId,
      fresh.takeawayIds,
      crypto.randomUUID(),
    );
    expect(none.focus).toBeNull();
  });
});
