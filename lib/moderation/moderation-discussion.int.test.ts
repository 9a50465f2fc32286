import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { Actor } from "../auth/authorization";
import { catchUp } from "../posts/catch-up";
import { createComment } from "../posts/create-comment";
import { listBranch, listDiscussion } from "../posts/list-discussion";
import { createCommentSchema } from "../posts/schemas";
import { newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import { listNotifications } from "../notifications/notifications";
import { hiddenReasonsFor } from "./hidden-reasons";
import { featurePost, hidePost, movePost, restorePost } from "./post-moderation";
import { reportPost, resolveReports } from "./reports";

/** Moderation changes comments the live discussion shows: they must take seqs and keep counts right. */
let database: TestDatabase;
let seeded: SeededDiscussion;
let moderator: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db, { takeaways: 2 });
  moderator = { ...seeded.members.dave, role: "moderator" };
  await database.db.update(users).set({ role: "moderator" }).where(eq(users.id, moderator.id));
});
afterAll(async () => {
  await database.close();
});

const write = async (author: Actor, fields: Record<string, unknown>) =>
  (
    await createComment(
      database.db,
      author,
      createCommentSchema.parse({
        threadId: seeded.threadId,
        clientId: newClientId(),
        body: "Avis",
        ...fields,
      }),
    )
  ).post;

const lastSeq = async () =>
  (
    await database.db
      .select({ lastSeq: threads.lastSeq })
      .from(threads)
      .where(eq(threads.id, seeded.threadId))
  )[0]!.lastSeq;

describe("moderation in the live discussion", () => {
  it("gives hiding, restoring and featuring a seq each, replayed by a catch-up with the comment's state", async () => {
    const post = await write(seeded.members.alice, { body: "Propos limites" });
    const before = await lastSeq();
    await hidePost(database.db, moderator, { postId: post.id, reason: "Hors sujet" });
    const hidden = await catchUp(database.db, { threadId: seeded.threadId, afterSeq: before });
    expect(hidden.changes).toHaveLength(1);
    expect(hidden.changes[0]).toMatchObject({
      seq: before + 1,
      type: "post:updated",
      post: { id: post.id, state: "hidden", hiddenReason: null, body: "", html: "" },
    });
    await restorePost(database.db, moderator, { postId: post.id });
    await featurePost(database.db, moderator, { postId: post.id });
    const all = await catchUp(database.db, { threadId: seeded.threadId, afterSeq: before });
    expect(all.changes.map((change) => change.seq)).toEqual([before + 1, before + 2, before + 3]);
    const last = all.changes.at(-1)!;
    expect(last.type === "post:updated" && last.post).toMatchObject({ state: "visible", featured: true });
  });

  it("shows a hidden comment's text to its author only", async () => {
    const post = await write(seeded.members.carol, { body: "Texte masqué" });
    await hidePost(database.db, moderator, { postId: post.id, reason: "Agressif" });
    const where = { threadId: seeded.threadId, takeawayId: null };
    const asAuthor = await listDiscussion(database.db, seeded.members.carol.id, where);
    const asOther = await listDiscussion(database.db, seeded.members.bob.id, where);
    const find = (page: typeof asAuthor) => page.comments.find((comment) => comment.id === post.id);
    expect(find(asAuthor)).toMatchObject({ state: "hidden", hiddenReason: "Agressif", body: "Texte masqué" });
    expect(find(asOther)).toMatchObject({ state: "hidden", hiddenReason: null, body: "", html: "" });
  });

  it("tells the reason for hiding to the author, the reporters and moderators only, as the form promises", async () => {
    const post = await write(seeded.members.carol, { body: "Texte signalé" });
    await reportPost(database.db, seeded.members.bob, { postId: post.id, reason: "abuse" });
    await resolveReports(database.db, moderator, {
      postId: post.id,
      outcome: "hide",
      reason: "Attaque personnelle",
    });
    const where = { threadId: seeded.threadId, takeawayId: null };
    const reasonIn = async (viewerId: string | null) =>
      (await listDiscussion(database.db, viewerId, where)).comments.find((comment) => comment.id === post.id)
        ?.hiddenReason;

    expect(await reasonIn(seeded.members.carol.id)).toBe("Attaque personnelle");
    expect(await reasonIn(null)).toBeNull();
    expect(await reasonIn(seeded.members.alice.id)).toBeNull();
    expect(await reasonIn(seeded.members.bob.id)).toBeNull();
    const reasons = (actor: Actor) => hiddenReasonsFor(database.db, actor, [post.id]);
    expect((await reasons(seeded.members.bob)).get(post.id)).toBe("Attaque personnelle");
    expect((await reasons(moderator)).get(post.id)).toBe("Attaque personnelle");
    expect((await reasons(seeded.members.alice)).size).toBe(0);
    const [told] = await listNotifications(database.db, seeded.members.bob.id);
    expect(told?.message).toContain("Attaque personnelle");
  });

  it("moves a reply and its replies to another takeaway: new conversation, counts moved, branches intact", async () => {
    const [from, to] = seeded.takeawayIds as [string, string];
    const top = await write(seeded.members.alice, { takeawayId: from, body: "racine" });
    const reply = await write(seeded.members.bob, { parentId: top.id, body: "réponse" });
    const deeper = await write(seeded.members.carol, { parentId: reply.id, body: "sous-réponse" });
    const count = async (id: string) =>
      (await database.db.select({ n: posts.commentCount }).from(posts).where(eq(posts.id, id)))[0]!.n;
    const [fromBefore, toBefore] = [await count(from), await count(to)];
    const before = await lastSeq();

    await movePost(database.db, moderator, { postId: reply.id, takeawayId: to });

    expect(await count(from)).toBe(fromBefore - 2);
    expect(await count(to)).toBe(toBefore + 2);
    const [moved] = await database.db.select().from(posts).where(eq(posts.id, reply.id));
    expect(moved).toMatchObject({ parentId: null, rootId: reply.id, depth: 0, takeawayId: to });
    expect(moved!.path.map(Number)).toEqual([reply.seq]);
    const [parent] = await database.db.select().from(posts).where(eq(posts.id, top.id));
    expect(parent!.replyCount).toBe(0);

    const page = await listDiscussion(database.db, null, { threadId: seeded.threadId, takeawayId: to });
    expect(page.comments.map((comment) => comment.id)).toEqual([reply.id, deeper.id]);
    const branch = await listBranch(database.db, null, { postId: reply.id });
    expect(branch.ancestors).toEqual([]);
    expect(branch.comments.map((comment) => [comment.id, comment.depth])).toEqual([[deeper.id, 1]]);

    const caught = await catchUp(database.db, { threadId: seeded.threadId, afterSeq: before });
    expect(caught.changes).toHaveLength(1);
    expect(caught.changes[0]).toMatchObject({
      type: "post:updated",
      post: { id: reply.id, takeawayId: to, parentId: null },
      counts: { discussion: toBefore + 2, left: { discussion: from, count: fromBefore - 2 } },
    });
  });

  it("refuses a move to a sub-point", async () => {
    const subPoint = crypto.randomUUID();
    await database.db.insert(posts).values({
      id: subPoint,
      threadId: seeded.threadId,
      authorId: "system",
      kind: "takeaway",
      parentId: seeded.takeawayIds[0]!,
      ordinal: 50,
      depth: 1,
      seq: 500_000,
      body: "Sous-point",
    });
    const post = await write(seeded.members.alice, { body: "à déplacer" });
    await expect(
      movePost(database.db, moderator, { postId: post.id, takeawayId: subPoint }),
    ).rejects.toMatchObject({
      code: "bad_request:move",
    });
  });
});
