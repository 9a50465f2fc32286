import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { tags, threadTags } from "../../db/schema/moderation";

export interface TagLabel {
  slug: string;
  label: string;
}

/** Topics of several threads at once (one query for a whole page of the listing). */
export async function tagsOfThreads(db: Database, threadIds: string[]): Promise<Map<string, TagLabel[]>> {
  const byThread = new Map<string, TagLabel[]>();
  if (threadIds.length === 0) return byThread;
  const rows = await db
    .select({ threadId: threadTags.threadId, slug: tags.slug, label: tags.label })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(inArray(threadTags.threadId, threadIds))
    .orderBy(asc(tags.label));
  for (const row of rows) {
    const list = byThread.get(row.threadId) ?? [];
    list.push({ slug: row.slug, label: row.label });
    byThread.set(row.threadId, list);
  }
  return byThread;
}

export async function findTag(db: Database, slug: string): Promise<TagLabel | null> {
  const [tag] = await db
    .select({ slug: tags.slug, label: tags.label })
    .from(tags)
    .where(eq(tags.slug, slug))
    .limit(1);
  return tag ?? null;
}
