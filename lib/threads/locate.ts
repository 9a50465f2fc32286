import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";

/** The page of a comment (or takeaway), for permanent links that survive a thread's rename. */
export async function locatePost(db: Database, postId: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: threads.slug, kind: posts.kind })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId))
    .limit(1);
  if (!row) return null;
  // ?c= lets the server render the comment's branch even when it is not on the first screen.
  return row.kind === "comment" ? `/t/${row.slug}?c=${postId}#c-${postId}` : `/t/${row.slug}`;
}

export async function locateThread(db: Database, threadId: string): Promise<string | null> {
  const [row] = await db
    .select({ slug: threads.slug })
    .from(threads)
    .where(eq(threads.id, threadId))
    .limit(1);
  return row ? `/t/${row.slug}` : null;
}

/** Whether a thread of that id exists (socket rooms are only for real threads). */
export async function threadExists(db: Database, threadId: string): Promise<boolean> {
  const [row] = await db.select({ id: threads.id }).from(threads).where(eq(threads.id, threadId)).limit(1);
  return Boolean(row);
}
