import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { reactions } from "../../db/schema/reactions";
import { users } from "../../db/schema/users";
import { reactorNamesShown } from "../posts/limits";
import {
  emptyReactionSummary,
  isReactionEmoji,
  isStance,
  noReactions,
  type MyReactions,
  type ReactionSummary,
} from "./kinds";

type Queryable = Database | Transaction;

/**
 * Counts per emoji and per stance for each post, with the most recent names for hover and
 * focus. One grouped query over the (post, kind, value) index, whatever the number of posts.
 */
export async function loadReactionSummaries(
  db: Queryable,
  postIds: string[],
): Promise<Map<string, ReactionSummary>> {
  const summaries = new Map<string, ReactionSummary>(postIds.map((id) => [id, emptyReactionSummary()]));
  if (postIds.length === 0) return summaries;
  const rows = await db
    .select({
      postId: reactions.postId,
      kind: reactions.kind,
      value: reactions.value,
      count: sql<number>`count(*)::int`,
      names: sql<
        string[]
      >`(array_agg(${users.name} order by ${reactions.createdAt} desc, ${reactions.id}))[1:${sql.raw(String(reactorNamesShown))}]`,
    })
    .from(reactions)
    .innerJoin(users, eq(users.id, reactions.userId))
    .where(inArray(reactions.postId, postIds))
    .groupBy(reactions.postId, reactions.kind, reactions.value);
  for (const row of rows) {
    const summary = summaries.get(row.postId);
    if (!summary) continue;
    const tally = { count: Number(row.count), names: row.names ?? [] };
    if (row.kind === "emoji" && isReactionEmoji(row.value)) summary.emoji[row.value] = tally;
    if (row.kind === "stance" && isStance(row.value)) summary.stance[row.value] = tally;
  }
  return summaries;
}

export async function loadReactionSummary(db: Queryable, postId: string): Promise<ReactionSummary> {
  return (await loadReactionSummaries(db, [postId])).get(postId) ?? emptyReactionSummary();
}

/** What one member gave on each post; empty for guests. */
export async function loadMyReactions(
  db: Queryable,
  userId: string | null,
  postIds: string[],
): Promise<Record<string, MyReactions>> {
  const mine: Record<string, MyReactions> = {};
  if (!userId || postIds.length === 0) return mine;
  const rows = await db
    .select({ postId: reactions.postId, kind: reactions.kind, value: reactions.value })
    .from(reactions)
    .where(and(eq(reactions.userId, userId), inArray(reactions.postId, postIds)));
  for (const row of rows) {
    const entry = (mine[row.postId] ??= noReactions());
    if (row.kind === "emoji" && isReactionEmoji(row.value)) entry.emoji.push(row.value);
    if (row.kind === "stance" && isStance(row.value)) entry.stance = row.value;
  }
  return mine;
}
