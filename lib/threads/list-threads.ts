import { and, desc, eq, exists, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { tags, threadTags } from "../../db/schema/moderation";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";

export interface ThreadSummary {
  id: string;
  slug: string;
  title: string;
  takeawayCount: number;
  commentCount: number;
  pinned: boolean;
  locked: boolean;
  lastActivityAt: Date;
}

/** Where the previous page stopped, in the listing's order: pinned first, then latest activity. */
const cursorSchema = z.object({
  pinned: z.boolean(),
  lastActivityAt: z.iso.datetime(),
  id: z.uuid(),
});
type ThreadCursor = z.infer<typeof cursorSchema>;

export function encodeThreadCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeThreadCursor(raw: string): ThreadCursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch (error) {
    throw new AppError("bad_request:cursor", "Ce lien de pagination n’est plus valide.", { cause: error });
  }
}

export const listThreadsInputSchema = z.object({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** A topic's slug: only threads tagged with it. */
  tag: z.string().max(80).optional(),
});
export type ListThreadsInput = z.input<typeof listThreadsInputSchema>;

/**
 * A page of the home listing, by keyset: the cost of page 100 is the cost of page 1.
 * Archived threads are left out.
 */
export async function listThreads(db: Database, input: ListThreadsInput = {}) {
  const { cursor: rawCursor, limit, tag } = listThreadsInputSchema.parse(input);
  const isPinned = sql<boolean>`(${threads.pinnedAt} is not null)`;
  const conditions: SQL[] = [isNull(threads.archivedAt)];
  if (tag) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(threadTags)
          .innerJoin(tags, eq(tags.id, threadTags.tagId))
          .where(and(eq(threadTags.threadId, threads.id), eq(tags.slug, tag))),
      ),
    );
  }
  if (rawCursor) {
    const cursor = decodeThreadCursor(rawCursor);
    const at = new Date(cursor.lastActivityAt);
    const sameGroupAfter = or(
      lt(threads.lastActivityAt, at),
      and(eq(threads.lastActivityAt, at), lt(threads.id, cursor.id)),
    );
    // Pinned threads come first: from a pinned cursor the unpinned group follows in full.
    conditions.push(
      cursor.pinned
        ? or(and(isNotNull(threads.pinnedAt), sameGroupAfter), isNull(threads.pinnedAt))!
        : and(isNull(threads.pinnedAt), sameGroupAfter)!,
    );
  }
  const rows = await db
    .select({
      id: threads.id,
      slug: threads.slug,
      title: threads.title,
      takeawayCount: threads.takeawayCount,
      commentCount: threads.commentCount,
      pinned: isPinned,
      locked: sql<boolean>`(${threads.lockedAt} is not null)`,
      lastActivityAt: threads.lastActivityAt,
    })
    .from(threads)
    .where(and(...conditions))
    .orderBy(desc(isPinned), desc(threads.lastActivityAt), desc(threads.id))
    .limit(limit + 1);

  const page: ThreadSummary[] = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeThreadCursor({
          pinned: last.pinned,
          lastActivityAt: last.lastActivityAt.toISOString(),
          id: last.id,
        })
      : null;
  return { threads: page, nextCursor };
}
