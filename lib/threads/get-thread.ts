import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads, type Thread } from "../../db/schema/threads";
import { AppError } from "../errors";

export interface Takeaway {
  id: string;
  /** "3" for the third takeaway, "3.1" for its first sub-point: used for labels and anchors. */
  number: string;
  body: string;
  points: Takeaway[];
}

export interface ThreadWithTakeaways {
  thread: Thread;
  takeaways: Takeaway[];
}

export async function getThreadBySlugOrThrow(db: Database, slug: string): Promise<ThreadWithTakeaways> {
  const [thread] = await db.select().from(threads).where(eq(threads.slug, slug)).limit(1);
  if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
  const rows = await db
    .select({ id: posts.id, parentId: posts.parentId, body: posts.body })
    .from(posts)
    .where(and(eq(posts.threadId, thread.id), eq(posts.kind, "takeaway")))
    .orderBy(asc(posts.ordinal));
  return { thread, takeaways: buildTakeawayTree(rows) };
}

/** Rows come depth-first (by ordinal), so a parent is always seen before its sub-points. */
export function buildTakeawayTree(rows: { id: string; parentId: string | null; body: string }[]): Takeaway[] {
  const roots: Takeaway[] = [];
  const byId = new Map<string, Takeaway>();
  for (const row of rows) {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    const siblings = parent ? parent.points : roots;
    const number = parent ? `${parent.number}.${siblings.length + 1}` : String(siblings.length + 1);
    const takeaway: Takeaway = { id: row.id, number, body: row.body, points: [] };
    siblings.push(takeaway);
    byId.set(row.id, takeaway);
  }
  return roots;
}

export function takeawayAnchor(takeaway: Pick<Takeaway, "number">): string {
  return `point-${takeaway.number.replaceAll(".", "-")}`;
}
