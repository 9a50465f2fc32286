import { and, asc, count, eq, gt, inArray, isNull, min, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { reports } from "../../db/schema/moderation";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { notifyUsers } from "../notifications/notifications";
import { loadPostChange, threadOfPostOrThrow } from "../posts/post-change";
import { appendThreadEvent, takeNextSeq } from "../posts/thread-sequence";
import { publishToThread } from "../realtime/publish";
import { recordAudit } from "./audit";
import { parseInput } from "./parse-input";
import { postModeration, roomModeration } from "./post-moderation";
import { reportPostSchema, reportReasonLabels, resolveReportsSchema } from "./schemas";
import { suspendUserInTransaction } from "./suspensions";

/** A member reports a comment, once; the moderators' queue gains it. */
export async function reportPost(db: Database, actor: Actor | null, input: unknown) {
  const { postId, reason, text } = parseInput(reportPostSchema, input);
  const [post] = await db
    .select({ id: posts.id, authorId: posts.authorId, kind: posts.kind })
    .from(posts)
    .where(eq(posts.id, postId));
  if (!post || post.kind !== "comment") throw new AppError("not_found:post", "Ce commentaire n’existe pas.");
  assertCan(actor, "report:create", { authorId: post.authorId });
  const [created] = await db
    .insert(reports)
    .values({ postId, reporterId: actor!.id, reason, text: text || null })
    .onConflictDoNothing()
    .returning({ id: reports.id });
  if (!created) throw new AppError("conflict:report", "Vous avez déjà signalé ce commentaire.");
  return { reportId: created.id };
}

const queueCursorSchema = z.object({ oldest: z.iso.datetime(), postId: z.uuid() });

/** Open reports grouped by comment, with counts per reason, oldest first, by keyset. */
export async function listReportQueue(
  db: Database,
  actor: Actor | null,
  options: { cursor?: string; limit?: number } = {},
) {
  assertCan(actor, "report:resolve");
  const limit = Math.min(Math.max(options.limit ?? 30, 1), 100);
  let cursor: z.infer<typeof queueCursorSchema> | null = null;
  if (options.cursor) {
    try {
      cursor = queueCursorSchema.parse(JSON.parse(Buffer.from(options.cursor, "base64url").toString("utf8")));
    } catch (error) {
      throw new AppError("bad_request:cursor", "Ce lien de pagination n’est plus valide.", { cause: error });
    }
  }
  const oldest = min(reports.createdAt);
  const groups = await db
    .select({
      postId: reports.postId,
      reports: count(),
      oldest,
      // json_agg: both drivers parse JSON alike, not so arrays holding NULL.
      reasons: sql<string[]>`json_agg(${reports.reason} order by ${reports.createdAt})`,
      details: sql<(string | null)[]>`json_agg(${reports.text} order by ${reports.createdAt})`,
    })
    .from(reports)
    .where(isNull(reports.resolvedAt))
    .groupBy(reports.postId)
    .having(
      cursor
        ? or(
            gt(oldest, sql`${cursor.oldest}::timestamptz`),
            and(eq(oldest, sql`${cursor.oldest}::timestamptz`), gt(reports.postId, cursor.postId)),
          )
        : undefined,
    )
    .orderBy(asc(oldest), asc(reports.postId))
    .limit(limit + 1);
  const page = groups.slice(0, limit);
  const postRows = page.length
    ? await db
        .select({
          id: posts.id,
          body: posts.body,
          hiddenAt: posts.hiddenAt,
          hiddenReason: posts.hiddenReason,
          createdAt: posts.createdAt,
          authorId: posts.authorId,
          authorName: users.name,
          threadSlug: threads.slug,
          threadTitle: threads.title,
        })
        .from(posts)
        .innerJoin(users, eq(users.id, posts.authorId))
        .innerJoin(threads, eq(threads.id, posts.threadId))
        .where(
          inArray(
            posts.id,
            page.map((group) => group.postId),
          ),
        )
    : [];
  const byId = new Map(postRows.map((row) => [row.id, row]));
  const last = page.at(-1);
  return {
    items: page.map((group) => ({
      ...group,
      oldest: new Date(group.oldest as unknown as string),
      post: byId.get(group.postId)!,
    })),
    nextCursor:
      groups.length > limit && last
        ? Buffer.from(
            JSON.stringify({
              oldest: new Date(last.oldest as unknown as string).toISOString(),
              postId: last.postId,
            }),
          ).toString("base64url")
        : null,
  };
}

// Reporters are among the few who read the reason for hiding (the resolve form says so).
const outcomeMessages = {
  hide: (reason: string) =>
    `Merci pour votre signalement\u202f: le commentaire a été masqué. Raison\u202f: ${reason}`,
  keep: () => "Merci pour votre signalement\u202f: après examen, le commentaire reste visible.",
  suspend: (reason: string) =>
    `Merci pour votre signalement\u202f: le commentaire a été masqué et son auteur suspendu. Raison\u202f: ${reason}`,
} as const;

/**
 * Closes every open report on a comment with one decision (hide it, keep it, or hide it and
 * suspend its author), records it, and tells each reporter the outcome.
 */
export async function resolveReports(db: Database, actor: Actor | null, input: unknown) {
  const { postId, outcome, reason, suspendDays } = parseInput(resolveReportsSchema, input);
  assertCan(actor, "report:resolve");
  const now = new Date();
  // Hiding takes a seq like every discussion change, the thread's lock before the comment's.
  const threadId = outcome === "keep" ? null : await threadOfPostOrThrow(db, postId);
  const result = await db.transaction(async (tx) => {
    const seq = threadId ? (await takeNextSeq(tx, threadId)).seq : null;
    const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for("update");
    if (!post || post.kind !== "comment")
      throw new AppError("not_found:post", "Ce commentaire n’existe pas.");
    const open = await tx
      .update(reports)
      .set({
        resolvedAt: now,
        resolvedById: actor!.id,
        outcome: outcome === "keep" ? "kept" : outcome === "hide" ? "hidden" : "author_suspended",
      })
      .where(and(eq(reports.postId, postId), isNull(reports.resolvedAt)))
      .returning({ reporterId: reports.reporterId, reason: reports.reason });
    if (open.length === 0) throw new AppError("conflict:report", "Ces signalements ont déjà été traités.");

    let updated = post;
    if (outcome !== "keep" && post.hiddenAt === null) {
      const [hidden] = await tx
        .update(posts)
        .set({ hiddenAt: now, hiddenReason: reason, hiddenById: actor!.id })
        .where(eq(posts.id, postId))
        .returning();
      updated = hidden!;
      await notifyUsers(
        tx,
        [post.authorId],
        `Votre commentaire a été masqué par la modération\u202f: ${reason}`,
        `/c/${post.id}`,
      );
    }
    if (outcome === "suspend") {
      await suspendUserInTransaction(
        tx,
        actor,
        { userId: post.authorId, reason, days: suspendDays ?? null },
        now,
      );
    }
    await recordAudit(tx, {
      actorId: actor!.id,
      action: "report.resolve",
      targetType: "post",
      targetId: postId,
      threadId: post.threadId,
      reason,
      details: {
        outcome,
        reports: open.length,
        reasons: open.map((report) => reportReasonLabels[report.reason]),
      },
    });
    await notifyUsers(
      tx,
      open.map((report) => report.reporterId),
      outcomeMessages[outcome](reason),
      `/c/${post.id}`,
    );
    if (threadId && seq !== null && updated !== post) {
      await appendThreadEvent(tx, { threadId, seq, type: "post_hidden", postId, actorId: actor!.id });
    }
    return { post: updated, resolved: open.length, seq: updated !== post ? seq : null };
  });
  if (outcome !== "keep") {
    publishToThread(result.post.threadId, "post:moderated", roomModeration(postModeration(result.post)));
    const change = result.seq === null ? null : await loadPostChange(db, result.seq, postId);
    if (change) publishToThread(result.post.threadId, "post:updated", change);
  }
  return { postId, outcome, resolved: result.resolved };
}
