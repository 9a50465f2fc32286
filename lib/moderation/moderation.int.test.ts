import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, reports } from "../../db/schema/moderation";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { importArticles } from "../articles/import-articles";
import { parseArticles } from "../articles/parse-articles";
import { slugify } from "../articles/slug";
import { loadActor } from "../auth/actor";
import { assertCan, type Actor } from "../auth/authorization";
import { listNotifications } from "../notifications/notifications";
import { listThreads } from "../threads/list-threads";
import { createUserWithPassword } from "../users/create-user";
import { listAuditLog } from "./audit";
import { featurePost, hidePost, movePost, restorePost } from "./post-moderation";
import { listReportQueue, reportPost, resolveReports } from "./reports";
import { liftSuspension, suspendUser } from "./suspensions";
import { editThread, lockThread, pinThread, setThreadTags, unlockThread } from "./thread-moderation";

let database: TestDatabase;
let moderator: Actor;
let member: Actor;
let other: Actor;
let threadId: string;
let takeawayIds: string[];
let seq = 100;

async function actor(name: string, role: "member" | "moderator" = "member") {
  const user = await createUserWithPassword(
    database.db,
    { name, email: `${slugify(name)}@exemple.fr`, password: "Débat-ouvert-2026" },
    role,
  );
  return (await loadActor(database.db, user.id))!;
}

async function comment(
  author: Actor,
  body: string,
  options: { parentId?: string; takeawayId?: string; depth?: number } = {},
) {
  const [row] = await database.db
    .insert(posts)
    .values({
      threadId,
      authorId: author.id,
      kind: "comment",
      body,
      seq: ++seq,
      parentId: options.parentId ?? null,
      takeawayId: options.takeawayId ?? null,
      depth: options.depth ?? 0,
    })
    .returning();
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await importArticles(database.db, parseArticles("Un article\n\n- Premier point\n- Second point\n\nVia\n"));
  const [thread] = await database.db.select().from(threads);
  threadId = thread!.id;
  takeawayIds = (
    await database.db
      .select({ id: posts.id })
      .from(posts)
      .where(eq(posts.threadId, threadId))
      .orderBy(asc(posts.ordinal))
  ).map((row) => row.id);
  moderator = await actor("Modo", "moderator");
  member = await actor("Membre");
  other = await actor("Autre");
});
afterAll(async () => {
  await database.close();
});

describe("thread moderation", () => {
  it("pins, locks with a reason, edits and tags a thread, and logs each action", async () => {
    expect(await pinThread(database.db, moderator, { threadId })).toMatchObject({ pinned: true });
    expect(
      await lockThread(database.db, moderator, { threadId, reason: "Le débat a fait le tour." }),
    ).toMatchObject({
      locked: true,
      lockReason: "Le débat a fait le tour.",
    });
    expect(() => assertCan(member, "post:create", { threadLocked: true })).toThrow(
      "Cette discussion est verrouillée.",
    );
    await editThread(database.db, moderator, {
      threadId,
      title: "Un article revu",
      intro: "Premier paragraphe.\n\nSecond.",
    });
    const [thread] = await database.db.select().from(threads).where(eq(threads.id, threadId));
    expect(thread).toMatchObject({ title: "Un article revu", intro: ["Premier paragraphe.", "Second."] });
    expect(await setThreadTags(database.db, moderator, { threadId, tags: ["Co-design", "Réseau"] })).toEqual([
      { slug: "co-design", label: "Co-design" },
      { slug: "reseau", label: "Réseau" },
    ]);
    expect((await listThreads(database.db, { tag: "reseau" })).threads.map((t) => t.id)).toEqual([threadId]);
    expect((await listThreads(database.db, { tag: "autre" })).threads).toEqual([]);
    await unlockThread(database.db, moderator, { threadId });

    const { entries } = await listAuditLog(database.db, moderator, { targetType: "thread" });
    expect(entries.map((entry) => entry.action)).toEqual([
      "thread.unlock",
      "thread.tags",
      "thread.edit",
      "thread.lock",
      "thread.pin",
    ]);
    expect(entries[3]).toMatchObject({ actorName: "Modo", reason: "Le débat a fait le tour." });
    expect(entries[2]?.details).toMatchObject({ previousTitle: "Un article" });
  });

  it("refuses members, with the reason, and bad input field by field", async () => {
    await expect(pinThread(database.db, member, { threadId })).rejects.toMatchObject({
      code: "forbidden:moderator_only",
    });
    await expect(lockThread(database.db, moderator, { threadId, reason: "" })).rejects.toMatchObject({
      code: "bad_request:moderation",
      message: "Indiquez une raison (au moins 3 caractères).",
    });
    await expect(listAuditLog(database.db, member, {})).rejects.toMatchObject({
      code: "forbidden:moderator_only",
    });
  });
});

describe("comment moderation", () => {
  it("hides with a reason and restores, telling the author, never deleting", async () => {
    const post = await comment(member, "Un avis tranché");
    expect(
      await hidePost(database.db, moderator, { postId: post.id, reason: "Propos blessants" }),
    ).toMatchObject({
      hidden: true,
      hiddenReason: "Propos blessants",
    });
    const [row] = await database.db.select().from(posts).where(eq(posts.id, post.id));
    expect(row).toMatchObject({
      body: "Un avis tranché",
      hiddenReason: "Propos blessants",
      hiddenById: moderator.id,
    });
    expect((await listNotifications(database.db, member.id))[0]?.message).toBe(
      "Votre commentaire a été masqué par la modération\u202f: Propos blessants",
    );
    expect(await restorePost(database.db, moderator, { postId: post.id })).toMatchObject({
      hidden: false,
      hiddenReason: null,
    });
  });

  it("features a comment", async () => {
    const post = await comment(other, "Une contribution remarquable");
    expect(await featurePost(database.db, moderator, { postId: post.id })).toMatchObject({ featured: true });
  });

  it("moves a reply with its replies to another takeaway, as a top-level comment", async () => {
    const root = await comment(member, "Racine", { takeawayId: takeawayIds[0] });
    const reply = await comment(other, "Réponse", {
      parentId: root.id,
      takeawayId: takeawayIds[0],
      depth: 1,
    });
    const nested = await comment(member, "Sous-réponse", {
      parentId: reply.id,
      takeawayId: takeawayIds[0],
      depth: 2,
    });
    await movePost(database.db, moderator, { postId: reply.id, takeawayId: takeawayIds[1] });
    const rows = await database.db.select().from(posts).where(eq(posts.threadId, threadId));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(reply.id)).toMatchObject({ parentId: null, depth: 0, takeawayId: takeawayIds[1] });
    expect(byId.get(nested.id)).toMatchObject({ parentId: reply.id, depth: 1, takeawayId: takeawayIds[1] });
    expect(byId.get(root.id)).toMatchObject({ takeawayId: takeawayIds[0] });
    const foreign = "00000000-0000-4000-8000-000000000000";
    await expect(
      movePost(database.db, moderator, { postId: reply.id, takeawayId: foreign }),
    ).rejects.toMatchObject({
      code: "bad_request:move",
    });
  });
});

describe("reports", () => {
  it("takes one report per member and comment, never one's own", async () => {
    const post = await comment(member, "Achetez ma crème miracle");
    await reportPost(database.db, other, { postId: post.id, reason: "spam" });
    await expect(reportPost(database.db, other, { postId: post.id, reason: "spam" })).rejects.toMatchObject({
      code: "conflict:report",
    });
    await expect(reportPost(database.db, member, { postId: post.id, reason: "spam" })).rejects.toMatchObject({
      code: "forbidden:own_post",
    });
    await expect(reportPost(database.db, other, { postId: post.id, reason: "other" })).rejects.toMatchObject({
      message: "Précisez la raison.",
    });
    await expect(reportPost(database.db, null, { postId: post.id, reason: "spam" })).rejects.toMatchObject({
      code: "unauthorized:sign_in",
    });
  });

  it("lists open reports grouped by comment, oldest first, and resolves them, telling reporters", async () => {
    const third = await actor("Tiers");
    const first = await comment(member, "Premier signalé");
    const second = await comment(other, "Second signalé");
    await reportPost(database.db, other, { postId: first.id, reason: "abuse" });
    await reportPost(database.db, third, { postId: first.id, reason: "other", text: "Insultant" });
    await reportPost(database.db, member, { postId: second.id, reason: "off_topic" });

    const queue = await listReportQueue(database.db, moderator);
    const ids = queue.items.map((item) => item.postId);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    const group = queue.items.find((item) => item.postId === first.id)!;
    expect(group).toMatchObject({ reports: 2, reasons: ["abuse", "other"], details: [null, "Insultant"] });
    expect(group.post).toMatchObject({ body: "Premier signalé", authorName: "Membre" });

    await resolveReports(database.db, moderator, {
      postId: first.id,
      outcome: "suspend",
      reason: "Insultes répétées",
      suspendDays: 7,
    });
    const suspended = await loadActor(database.db, member.id);
    expect(() => assertCan(suspended, "post:create")).toThrow("Votre compte est suspendu");
    expect((await listNotifications(database.db, third.id))[0]?.message).toBe(
      "Merci pour votre signalement\u202f: le commentaire a été masqué et son auteur suspendu. Raison\u202f: Insultes répétées",
    );
    await resolveReports(database.db, moderator, {
      postId: second.id,
      outcome: "keep",
      reason: "Dans le sujet",
    });
    expect((await listNotifications(database.db, member.id)).map((n) => n.message)).toContain(
      "Merci pour votre signalement\u202f: après examen, le commentaire reste visible.",
    );
    const after = await listReportQueue(database.db, moderator);
    expect(after.items.map((item) => item.postId)).not.toContain(first.id);
    const resolved = await database.db.select().from(reports).where(eq(reports.postId, first.id));
    expect(
      resolved.every(
        (report) => report.outcome === "author_suspended" && report.resolvedById === moderator.id,
      ),
    ).toBe(true);
    await expect(
      resolveReports(database.db, moderator, { postId: first.id, outcome: "keep", reason: "Encore" }),
    ).rejects.toMatchObject({
      code: "conflict:report",
    });
    await expect(listReportQueue(database.db, other)).rejects.toMatchObject({
      code: "forbidden:moderator_only",
    });
  });
});

describe("suspensions", () => {
  it("suspends until lifted, refuses to let a moderator suspend staff, and logs it", async () => {
    const target = await actor("Cible");
    await suspendUser(database.db, moderator, { userId: target.id, reason: "Spam répété", days: null });
    const suspended = await loadActor(database.db, target.id);
    expect(suspended).toMatchObject({ suspendedUntil: null });
    expect(() => assertCan(suspended, "reaction:set")).toThrow("Votre compte est suspendu");
    await liftSuspension(database.db, moderator, { userId: target.id });
    const lifted = await loadActor(database.db, target.id);
    expect(() => assertCan(lifted, "reaction:set")).not.toThrow();

    const otherModerator = await actor("Collègue", "moderator");
    await expect(
      suspendUser(database.db, moderator, { userId: otherModerator.id, reason: "Non", days: 1 }),
    ).rejects.toMatchObject({
      code: "forbidden:admin_only",
    });
    const log = await database.db.select().from(auditLog).where(eq(auditLog.targetId, target.id));
    expect(log.map((entry) => entry.action).sort()).toEqual(["user.suspend", "user.unsuspend"]);
  });
});
