import { and, asc, between, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { posts } from "../../db/schema/posts";
import { users } from "../../db/schema/users";
import type { Transaction } from "../../db/client";
import { fromPostJson, postJson, selectPostJson } from "./post-json";
import type { PostRow, Queryable } from "./post-views";

/**
 * The keyset queries behind a discussion's screens. Each reads a bounded number of rows
 * through an index (top-level comments by (thread, takeaway, seq), replies by (root, seq)),
 * so the first screen of a 10,000-comment thread costs what a 10-comment one does.
 */
const outer = alias(posts, "outer_post");
const inner = alias(posts, "inner_post");

/** A lateral page of comments, each as JSON with its author's name. */
function lateralPage(db: Queryable, where: SQL | undefined, limit: number) {
  return db
    .select({ post: postJson(inner).as("post"), authorName: users.name })
    .from(inner)
    .innerJoin(users, eq(users.id, inner.authorId))
    .where(where)
    .orderBy(asc(inner.seq))
    .limit(limit)
    .as("page");
}

const isTopLevel = (threadId: string) =>
  and(eq(posts.threadId, threadId), eq(posts.kind, "comment"), isNull(posts.parentId));

/** Top-level comments of one discussion (a takeaway's, or the thread's with null) after a seq. */
export async function selectTopLevel(
  db: Queryable,
  threadId: string,
  takeawayId: string | null,
  afterSeq: number,
  limit: number,
): Promise<PostRow[]> {
  const rows = await selectPostJson(db)
    .where(
      and(
        isTopLevel(threadId),
        takeawayId ? eq(posts.takeawayId, takeawayId) : isNull(posts.takeawayId),
        gt(posts.seq, afterSeq),
      ),
    )
    .orderBy(asc(posts.seq))
    .limit(limit);
  return rows.map(fromPostJson);
}

/** The first top-level comments of several takeaways' discussions, in one query. */
export async function selectFirstTopLevel(
  db: Queryable,
  threadId: string,
  takeawayIds: string[],
  limit: number,
): Promise<Map<string, PostRow[]>> {
  const byTakeaway = new Map<string, PostRow[]>(takeawayIds.map((id) => [id, []]));
  if (takeawayIds.length === 0) return byTakeaway;
  const page = lateralPage(
    db,
    and(
      eq(inner.threadId, threadId),
      eq(inner.takeawayId, outer.id),
      eq(inner.kind, "comment"),
      isNull(inner.parentId),
    ),
    limit,
  );
  const rows = await db
    .select({ outerId: outer.id, post: page.post, authorName: page.authorName })
    .from(outer)
    .innerJoinLateral(page, sql`true`)
    .where(and(eq(outer.threadId, threadId), inArray(outer.id, takeawayIds)));
  for (const row of rows) byTakeaway.get(row.outerId)?.push(fromPostJson(row));
  for (const list of byTakeaway.values()) list.sort((a, b) => a.seq - b.seq);
  return byTakeaway;
}

/**
 * The first replies (by seq) of each conversation, down to `maxDepth`. A reply's parent
 * always has a smaller seq, so a seq prefix of a conversation is a connected tree.
 *
 * The planner sizes every conversation at the average (a few replies), so it reads a whole
 * conversation through a bitmap scan and sorts it; but the conversations a first screen shows
 * are a thread's oldest, which grow with it (hundreds of replies at 100,000 comments: 0.6 ms per
 * conversation instead of 0.05). With bitmap scans off for this one query it walks the (root,
 * seq) index in order and stops at the limit; the authors are joined outside the lateral page
 * so that nothing above it needs a sort either. Needs a transaction for `set local`.
 */
export async function selectConversationReplies(
  tx: Transaction,
  rootIds: string[],
  maxDepth: number,
  perConversation: number,
): Promise<PostRow[]> {
  if (rootIds.length === 0 || maxDepth < 1) return [];
  const page = tx
    .select({ post: postJson(inner).as("post"), authorId: inner.authorId })
    .from(inner)
    .where(and(eq(inner.rootId, outer.id), between(inner.depth, 1, maxDepth)))
    .orderBy(asc(inner.seq))
    .limit(perConversation)
    .as("page");
  await tx.execute(sql`set local enable_bitmapscan = off`);
  const rows = await tx
    .select({ post: page.post, authorName: users.name })
    .from(outer)
    .innerJoinLateral(page, sql`true`)
    .innerJoin(users, eq(users.id, page.authorId))
    .where(inArray(outer.id, rootIds));
  await tx.execute(sql`set local enable_bitmapscan to default`);
  return rows.map(fromPostJson).sort((a, b) => a.seq - b.seq);
}

/**
 * Descendants of a comment (by `path`), down to `maxDepth`, after a seq: a branch page and
 * its "load more". Scans the conversation's (root, seq) index from the cursor.
 */
export async function selectDescendants(
  db: Queryable,
  focus: Pick<PostRow, "rootId" | "depth" | "seq" | "id">,
  maxDepth: number,
  afterSeq: number,
  limit: number,
): Promise<PostRow[]> {
  const rows = await selectPostJson(db)
    .where(
      and(
        eq(posts.rootId, focus.rootId ?? focus.id),
        gt(posts.seq, Math.max(afterSeq, focus.seq)),
        between(posts.depth, focus.depth + 1, maxDepth),
        sql`${posts.path}[${focus.depth + 1}] = ${focus.seq}`,
      ),
    )
    .orderBy(asc(posts.seq))
    .limit(limit);
  return rows.map(fromPostJson);
}

/** A comment's ancestors, from its top-level comment down, through the (thread, seq) index. */
export async function selectAncestors(db: Queryable, focus: PostRow): Promise<PostRow[]> {
  const seqs = focus.path.map(Number).slice(0, -1);
  if (seqs.length === 0) return [];
  const rows = await selectPostJson(db).where(
    and(eq(posts.threadId, focus.threadId), inArray(posts.seq, seqs)),
  );
  return rows.map(fromPostJson).sort((a, b) => a.depth - b.depth);
}

export async function selectPost(db: Queryable, postId: string): Promise<PostRow | undefined> {
  const [row] = await selectPostJson(db).where(eq(posts.id, postId)).limit(1);
  return row && fromPostJson(row);
}
