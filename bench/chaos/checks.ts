import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import type { Commenter } from "./commenter";
import type { InjectedFault } from "./faults";

export interface CommentFigures {
  sent: number;
  acknowledged: number;
  stored: number;
  /** Acknowledged, but not in the database under its client id and post id. */
  lost: number;
  /** Stored more than once (the same body twice). */
  duplicated: number;
  /** Members whose view of their thread equals the database's, in order. */
  viewsMatching: number;
  views: number;
  /** Comments that crossed to members of the other instance / those that should have. */
  crossed: number;
  shouldCross: number;
}

/** Every invariant on comments, read from the database directly (not through Agora). */
export async function checkComments(db: Database, commenters: Commenter[]): Promise<CommentFigures> {
  const threadIds = [...new Set(commenters.map((commenter) => commenter.threadId))];
  const rows = await db
    .select({
      id: posts.id,
      threadId: posts.threadId,
      clientId: posts.clientId,
      body: posts.body,
      seq: posts.seq,
    })
    .from(posts)
    .where(and(inArray(posts.threadId, threadIds), eq(posts.kind, "comment"), isNotNull(posts.clientId)));
  const byClientId = new Map(rows.map((row) => [row.clientId!, row]));
  const bodies = new Map<string, number>();
  for (const row of rows) bodies.set(row.body, (bodies.get(row.body) ?? 0) + 1);

  const sent = commenters.flatMap((commenter) => commenter.sent);
  const acknowledged = sent.filter((comment) => comment.ackedAt !== null);
  const lost = acknowledged.filter((comment) => byClientId.get(comment.clientId)?.id !== comment.postId);

  let viewsMatching = 0;
  for (const commenter of commenters) {
    const expected = rows
      .filter((row) => row.threadId === commenter.threadId)
      .sort((a, b) => a.seq - b.seq)
      .map((row) => row.id);
    if (JSON.stringify(commenter.view()) === JSON.stringify(expected)) viewsMatching += 1;
  }

  let crossed = 0;
  let shouldCross = 0;
  for (const author of commenters) {
    const readers = commenters.filter(
      (c) => c.threadId === author.threadId && c.instance !== author.instance,
    );
    for (const comment of author.sent) {
      if (!comment.postId) continue;
      for (const reader of readers) {
        shouldCross += 1;
        if (reader.arrivals.has(comment.postId)) crossed += 1;
      }
    }
  }

  return {
    sent: sent.length,
    acknowledged: acknowledged.length,
    stored: rows.length,
    lost: lost.length,
    duplicated: [...bodies.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    viewsMatching,
    views: commenters.length,
    crossed,
    shouldCross,
  };
}

/**
 * After each fault, how long until a comment written on one instance reached a member of the
 * other again: from the fault's end to the first arrival, on another instance, of a comment
 * acknowledged after that end. Null when no comment crossed before the next fault.
 */
export function crossInstanceRecovery(commenters: Commenter[], faults: InjectedFault[]): (number | null)[] {
  return faults.map((fault, index) => {
    const until = faults[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    let first: number | null = null;
    for (const author of commenters) {
      const readers = commenters.filter(
        (c) => c.threadId === author.threadId && c.instance !== author.instance,
      );
      for (const comment of author.sent) {
        if (!comment.postId || comment.ackedAt === null || comment.ackedAt < fault.endedAt) continue;
        for (const reader of readers) {
          const arrival = reader.arrivals.get(comment.postId);
          if (arrival !== undefined && arrival < until && (first === null || arrival < first))
            first = arrival;
        }
      }
    }
    return first === null ? null : Math.max(0, first - fault.endedAt);
  });
}

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
