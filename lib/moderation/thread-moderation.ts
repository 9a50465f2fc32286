import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { tags, threadTags } from "../../db/schema/moderation";
import { threads, type Thread } from "../../db/schema/threads";
import { slugify } from "../articles/slug";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import type { ThreadState } from "../realtime/events";
import { publishToThread } from "../realtime/publish";
import { recordAudit } from "./audit";
import { parseInput } from "./parse-input";
import { editThreadSchema, lockThreadSchema, setThreadTagsSchema, threadTargetSchema } from "./schemas";

export function threadState(thread: Thread): ThreadState {
  return {
    threadId: thread.id,
    title: thread.title,
    pinned: thread.pinnedAt !== null,
    locked: thread.lockedAt !== null,
    lockReason: thread.lockReason,
    archived: thread.archivedAt !== null,
  };
}

type ThreadChange = Partial<
  Pick<Thread, "pinnedAt" | "lockedAt" | "lockReason" | "archivedAt" | "title" | "intro">
>;

/**
 * Loads the thread under a row lock, checks the moderator's right, applies the change and its
 * audit entry in one transaction, then tells open tabs.
 */
async function moderateThread(
  db: Database,
  actor: Actor | null,
  threadId: string,
  action: string,
  change: (thread: Thread) => ThreadChange,
  reason: string | null = null,
  details?: (before: Thread) => Record<string, unknown>,
): Promise<ThreadState> {
  assertCan(actor, "thread:moderate");
  const updated = await db.transaction(async (tx) => {
    const [thread] = await tx.select().from(threads).where(eq(threads.id, threadId)).for("update");
    if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas.");
    const [after] = await tx.update(threads).set(change(thread)).where(eq(threads.id, threadId)).returning();
    await recordAudit(tx, {
      actorId: actor!.id,
      action,
      targetType: "thread",
      targetId: threadId,
      threadId,
      reason,
      details: details?.(thread),
    });
    return after!;
  });
  const state = threadState(updated);
  publishToThread(threadId, "thread:updated", state);
  return state;
}

export async function pinThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId } = parseInput(threadTargetSchema, input);
  return moderateThread(db, actor, threadId, "thread.pin", () => ({ pinnedAt: new Date() }));
}

export async function unpinThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId } = parseInput(threadTargetSchema, input);
  return moderateThread(db, actor, threadId, "thread.unpin", () => ({ pinnedAt: null }));
}

export async function lockThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId, reason } = parseInput(lockThreadSchema, input);
  return moderateThread(
    db,
    actor,
    threadId,
    "thread.lock",
    () => ({ lockedAt: new Date(), lockReason: reason }),
    reason,
  );
}

export async function unlockThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId } = parseInput(threadTargetSchema, input);
  return moderateThread(db, actor, threadId, "thread.unlock", () => ({ lockedAt: null, lockReason: null }));
}

export async function archiveThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId } = parseInput(threadTargetSchema, input);
  return moderateThread(db, actor, threadId, "thread.archive", () => ({ archivedAt: new Date() }));
}

export async function unarchiveThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId } = parseInput(threadTargetSchema, input);
  return moderateThread(db, actor, threadId, "thread.unarchive", () => ({ archivedAt: null }));
}

export async function editThread(db: Database, actor: Actor | null, input: unknown) {
  const { threadId, title, intro } = parseInput(editThreadSchema, input);
  return moderateThread(
    db,
    actor,
    threadId,
    "thread.edit",
    () => ({ title, intro }),
    null,
    (before) => ({ previousTitle: before.title, previousIntro: before.intro }),
  );
}

async function upsertTags(tx: Transaction, labels: string[]) {
  const wanted = new Map(labels.map((label) => [slugify(label), label]));
  if (wanted.size === 0) return [];
  await tx
    .insert(tags)
    .values([...wanted].map(([slug, label]) => ({ slug, label })))
    .onConflictDoNothing({ target: tags.slug });
  return tx
    .select()
    .from(tags)
    .where(inArray(tags.slug, [...wanted.keys()]));
}

/** Replaces a thread's topics; members filter the home page by them. */
export async function setThreadTags(db: Database, actor: Actor | null, input: unknown) {
  const { threadId, tags: labels } = parseInput(setThreadTagsSchema, input);
  assertCan(actor, "thread:moderate");
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .select({ id: threads.id })
      .from(threads)
      .where(eq(threads.id, threadId))
      .for("update");
    if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas.");
    const rows = await upsertTags(tx, labels);
    await tx.delete(threadTags).where(eq(threadTags.threadId, threadId));
    if (rows.length) await tx.insert(threadTags).values(rows.map((tag) => ({ threadId, tagId: tag.id })));
    await recordAudit(tx, {
      actorId: actor!.id,
      action: "thread.tags",
      targetType: "thread",
      targetId: threadId,
      threadId,
      details: { tags: rows.map((tag) => tag.label) },
    });
    return rows.map((tag) => ({ slug: tag.slug, label: tag.label }));
  });
}
