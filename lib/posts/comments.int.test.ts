import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postRevisions } from "../../db/schema/post-revisions";
import { posts } from "../../db/schema/posts";
import { threadEvents } from "../../db/schema/thread-events";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { createComment } from "./create-comment";
import { deleteComment, editComment } from "./edit-comment";
import { createCommentSchema } from "./schemas";
import { lockThread, newClientId, seedDiscussion, suspendMember, type SeededDiscussion } from "./testing";

let database: TestDatabase;
let seeded: SeededDiscussion;
let alice: Actor;
let bob: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db);
  ({ alice, bob } = seeded.members);
});
afterAll(async () => {
  await database.close();
});

const comment = (
  fields: { body?: string; takeawayId?: string | null; parentId?: string; clientId?: string } = {},
) =>
  createCommentSchema.parse({
    threadId: seeded.threadId,
    clientId: newClientId(),
    body: "Un avis.",
    ...fields,
  });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function threadRow() {
  const [row] = await database.db.select().from(threads).where(eq(threads.id, seeded.threadId));
  return row!;
}

describe("createComment", () => {
  it("writes a comment on a takeaway with the thread's next seq, and counts it", async () => {
    const before = await threadRow();
    const takeawayId = seeded.takeawayIds[0]!;
    const { post, change } = await createComment(
      database.db,
      alice,
      comment({ takeawayId, body: "**Oui**, mais…" }),
    );
    expect(post).toMatchObject({
      takeawayId,
      parentId: null,
      rootId: post.id,
      depth: 0,
      seq: before.lastSeq + 1,
      author: { id: alice.id, name: "Alice" },
      body: "**Oui**, mais…",
      html: "<p><strong>Oui</strong>, mais…</p>",
      state: "visible",
      replyCount: 0,
    });
    expect(change).toEqual({
      seq: post.seq,
      type: "post:created",
      post,
      counts: { total: 1, discussion: 1 },
    });
    const after = await threadRow();
    expect(after.lastSeq).toBe(before.lastSeq + 1);
    expect(after.commentCount).toBe(1);
    expect(after.generalCommentCount).toBe(0);
    expect(after.lastActivityAt.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt.getTime());
    const [event] = await database.db
      .select()
      .from(threadEvents)
      .where(and(eq(threadEvents.threadId, seeded.threadId), eq(threadEvents.seq, post.seq)));
    expect(event).toMatchObject({ type: "post_created", postId: post.id, actorId: alice.id });
  });

  it("nests replies: depth, conversation root, path of seqs, reply counts", async () => {
    const { post: top } = await createComment(database.db, alice, comment());
    const { post: reply } = await createComment(database.db, bob, comment({ parentId: top.id }));
    const { post: deeper } = await createComment(database.db, alice, comment({ parentId: reply.id }));
    expect(top).toMatchObject({ takeawayId: null, depth: 0, rootId: top.id });
    expect(reply).toMatchObject({ parentId: top.id, rootId: top.id, depth: 1 });
    expect(deeper).toMatchObject({ parentId: reply.id, rootId: top.id, depth: 2 });
    const [row] = await database.db.select({ path: posts.path }).from(posts).where(eq(posts.id, deeper.id));
    expect(row?.path.map(Number)).toEqual([top.seq, reply.seq, deeper.seq]);
    const [parent] = await database.db
      .select({ replyCount: posts.replyCount })
      .from(posts)
      .where(eq(posts.id, top.id));
    expect(parent?.replyCount).toBe(1);
    // A reply belongs to its parent's discussion whatever the client says.
    const { post: stray } = await createComment(
      database.db,
      bob,
      comment({ parentId: top.id, takeawayId: seeded.takeawayIds[1]! }),
    );
    expect(stray.takeawayId).toBeNull();
  });

  it("returns the existing comment when the same client id is sent again, never a second row", async () => {
    const input = comment({ body: "Envoyé deux fois" });
    const first = await createComment(database.db, alice, input);
    const second = await createComment(database.db, alice, input);
    expect(second.post.id).toBe(first.post.id);
    expect(second.change).toBeNull();
    const [rows] = await database.db
      .select({ n: count() })
      .from(posts)
      .where(and(eq(posts.authorId, alice.id), eq(posts.clientId, input.clientId)));
    expect(rows?.n).toBe(1);
  });

  it("stays single when retries race each other", async () => {
    const input = comment({ body: "Course" });
    const before = await threadRow();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createComment(database.db, bob, input)),
    );
    expect(new Set(results.map((result) => result.post.id)).size).toBe(1);
    expect(results.filter((result) => result.change).length).toBe(1);
    expect((await threadRow()).lastSeq).toBe(before.lastSeq + 1);
  });

  it("refuses a client id already used for a comment elsewhere", async () => {
    const input = comment();
    await createComment(database.db, alice, input);
    const error = await refusal(
      createComment(database.db, alice, { ...input, takeawayId: seeded.takeawayIds[2]! }),
    );
    expect(error.code).toBe("conflict:client_id");
  });

  it("hands out seqs in commit order, without holes, under concurrent writers", async () => {
    const before = await threadRow();
    const members = Object.values(seeded.members);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        createComment(database.db, members[index % members.length]!, comment()),
      ),
    );
    const seqs = results.map((result) => result.post.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => before.lastSeq + 1 + index));
  });

  it("refuses an unknown parent or a takeaway of another thread, and rolls the seq back", async () => {
    const before = await threadRow();
    const other = await seedDiscussion(database.db, { takeaways: 1 });
    expect(
      (await refusal(createComment(database.db, alice, comment({ parentId: crypto.randomUUID() })))).code,
    ).toBe("not_found:post");
    expect(
      (await refusal(createComment(database.db, alice, comment({ takeawayId: other.takeawayIds[0]! })))).code,
    ).toBe("not_found:takeaway");
    expect((await threadRow()).lastSeq).toBe(before.lastSeq);
  });

  it("refuses a comment on a sub-point: it belongs to its takeaway's discussion", async () => {
    const subPoint = crypto.randomUUID();
    await database.db.insert(posts).values({
      id: subPoint,
      threadId: seeded.threadId,
      authorId: "system",
      kind: "takeaway",
      parentId: seeded.takeawayIds[0]!,
      ordinal: 100,
      depth: 1,
      seq: 1_000_000,
      body: "Sous-point",
    });
    const error = await refusal(createComment(database.db, alice, comment({ takeawayId: subPoint })));
    expect(error).toMatchObject({
      code: "bad_request:sub_point",
      message: "Les sous-points se discutent avec leur point clé.",
    });
  });

  it("refuses guests, suspended members, and members in a locked thread; moderators still write", async () => {
    const guest = await refusal(createComment(database.db, null, comment()));
    expect(guest).toMatchObject({ code: "unauthorized:sign_in", message: "Connectez-vous pour participer." });

    const locked = await seedDiscussion(database.db, { takeaways: 1 });
    await lockThread(database.db, locked.threadId);
    const input = createCommentSchema.parse({
      threadId: locked.threadId,
      clientId: newClientId(),
      body: "x",
    });
    expect((await refusal(createComment(database.db, locked.members.alice, input))).message).toBe(
      "Cette discussion est verrouillée.",
    );
    // The author is reloaded when the comment is written: the role must be the stored one.
    await database.db.update(users).set({ role: "moderator" }).where(eq(users.id, locked.members.bob.id));
    const moderator: Actor = { ...locked.members.bob, role: "moderator" };
    await expect(createComment(database.db, moderator, input)).resolves.toMatchObject({
      post: { body: "x" },
    });

    const suspended: Actor = { ...seeded.members.dave, suspendedAt: new Date() };
    await suspendMember(database.db, suspended.id);
    expect((await refusal(createComment(database.db, suspended, comment()))).code).toBe(
      "forbidden:suspended",
    );
  });
});

describe("the comment body", () => {
  it("refuses an empty comment and a too long one with French messages", () => {
    const parse = (body: string) =>
      createCommentSchema.safeParse({ threadId: seeded.threadId, clientId: newClientId(), body });
    expect(parse("   \n ").error?.issues[0]?.message).toBe("Votre commentaire est vide.");
    expect(parse("é".repeat(10_001)).error?.issues[0]?.message).toBe(
      "Votre commentaire fait 10\u202f001\u00a0caractères\u202f: la limite est de 10\u202f000.",
    );
    // Counted in characters, not UTF-16 units: 10,000 emoji fit.
    expect(parse("👍".repeat(10_000)).success).toBe(true);
    expect(parse("  bonjour\r\n\u0000 ").data?.body).toBe("bonjour");
    // Half an emoji is not text: replaced, so the comment can still be stored.
    expect(parse("a\uD83Db\uDC4D 👍").data?.body).toBe("a\uFFFDb\uFFFD 👍");
  });
});

describe("editComment and deleteComment", () => {
  it("keeps the previous text as a revision and marks the comment edited", async () => {
    const { post } = await createComment(database.db, alice, comment({ body: "Premier jet" }));
    const { post: edited, change } = await editComment(database.db, alice, {
      postId: post.id,
      body: "Second jet",
    });
    expect(edited).toMatchObject({ body: "Second jet", html: "<p>Second jet</p>", seq: post.seq });
    expect(edited.editedAt).not.toBeNull();
    expect(change?.type).toBe("post:edited");
    expect(change!.seq).toBeGreaterThan(post.seq);
    await editComment(database.db, alice, { postId: post.id, body: "Troisième jet" });
    const revisions = await database.db
      .select({ body: postRevisions.body })
      .from(postRevisions)
      .where(eq(postRevisions.postId, post.id))
      .orderBy(asc(postRevisions.replacedAt));
    expect(revisions.map((revision) => revision.body)).toEqual(["Premier jet", "Second jet"]);
  });

  it("changes nothing (no seq) when the text is the same", async () => {
    const { post } = await createComment(database.db, alice, comment({ body: "Stable" }));
    const before = await threadRow();
    const result = await editComment(database.db, alice, { postId: post.id, body: "Stable" });
    expect(result.change).toBeNull();
    expect((await threadRow()).lastSeq).toBe(before.lastSeq);
  });

  it("lets only the author edit or delete", async () => {
    const { post } = await createComment(database.db, alice, comment());
    expect((await refusal(editComment(database.db, bob, { postId: post.id, body: "volé" }))).code).toBe(
      "forbidden:not_author",
    );
    expect((await refusal(deleteComment(database.db, bob, { postId: post.id }))).code).toBe(
      "forbidden:not_author",
    );
    expect(
      (await refusal(editComment(database.db, alice, { postId: seeded.takeawayIds[0]!, body: "x" }))).code,
    ).toBe("forbidden:not_comment");
  });

  it("deletes as a tombstone: text and author gone, replies kept, counts down, twice is once", async () => {
    const takeawayId = seeded.takeawayIds[1]!;
    const { post } = await createComment(database.db, alice, comment({ takeawayId, body: "À supprimer" }));
    const { post: reply } = await createComment(database.db, bob, comment({ parentId: post.id }));
    const before = await threadRow();
    const { post: tombstone, change } = await deleteComment(database.db, alice, { postId: post.id });
    expect(tombstone).toMatchObject({ state: "deleted", body: "", html: "", author: null, replyCount: 1 });
    expect(change).toMatchObject({ type: "post:deleted", counts: { total: before.commentCount - 1 } });
    const [kept] = await database.db.select({ id: posts.id }).from(posts).where(eq(posts.id, reply.id));
    expect(kept).toBeDefined();
    const again = await deleteComment(database.db, alice, { postId: post.id });
    expect(again.change).toBeNull();
    expect((await threadRow()).commentCount).toBe(before.commentCount - 1);
    expect((await refusal(editComment(database.db, alice, { postId: post.id, body: "revenir" }))).code).toBe(
      "conflict:deleted",
    );
    expect((await refusal(createComment(database.db, bob, comment({ parentId: post.id })))).code).toBe(
      "conflict:deleted",
    );
  });
});
