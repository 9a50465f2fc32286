import { eq } from "drizzle-orm";
import { posts } from "../db/schema/posts";
import { threads } from "../db/schema/threads";
import { createTestDatabase } from "../db/testing";
import { loadThreadDiscussion } from "../lib/posts/list-discussion";
import { seedDiscussion } from "../lib/posts/testing";

/**
 * The thread page's first screen on threads of 10, 500 and 10,000 comments. From 500 on, every
 * discussion's first screen is full (the same number of comments shown): the keyset queries
 * should then cost the same whatever the thread's size. Run: `npx tsx bench/first-screen.ts` (embedded
 * PostgreSQL) or with DATABASE_URL set (a scratch database is created and dropped).
 */
const takeawayCount = 10;
const runs = 30;

async function fill(db: Awaited<ReturnType<typeof createTestDatabase>>["db"], size: number) {
  const seeded = await seedDiscussion(db, { takeaways: takeawayCount });
  const authorId = seeded.members.alice.id;
  let seq = takeawayCount;
  const roots: { id: string; seq: number; takeawayId: string | null }[] = [];
  const rows: (typeof posts.$inferInsert)[] = [];
  // A third top-level comments spread over the takeaways and the article; the rest replies.
  for (let i = 0; i < size; i++) {
    const id = crypto.randomUUID();
    seq++;
    const parent = i % 3 === 0 || roots.length === 0 ? null : roots[(i * 7) % roots.length]!;
    const takeawayId = parent ? parent.takeawayId : (seeded.takeawayIds[i % (takeawayCount + 1)] ?? null);
    rows.push({
      id,
      threadId: seeded.threadId,
      authorId,
      kind: "comment",
      takeawayId,
      parentId: parent?.id ?? null,
      rootId: parent?.id ?? id,
      depth: parent ? 1 : 0,
      path: parent ? [parent.seq, seq] : [seq],
      seq,
      body: `Commentaire n° ${i} : ${"un avis argumenté, ".repeat(8)}`,
      clientId: `bench-${seeded.threadId}-${i}`,
    });
    if (!parent) roots.push({ id, seq, takeawayId });
  }
  for (let start = 0; start < rows.length; start += 1000)
    await db.insert(posts).values(rows.slice(start, start + 1000));
  await db.update(threads).set({ lastSeq: seq, commentCount: size }).where(eq(threads.id, seeded.threadId));
  return seeded;
}

async function main() {
  const database = await createTestDatabase();
  try {
    for (const size of [10, 500, 10_000]) {
      const seeded = await fill(database.db, size);
      const load = () => loadThreadDiscussion(database.db, null, seeded.threadId, seeded.takeawayIds);
      for (let i = 0; i < 5; i++) await load();
      const started = performance.now();
      let shown = 0;
      for (let i = 0; i < runs; i++) {
        const snapshot = await load();
        shown = Object.values(snapshot.discussions).reduce((sum, slice) => sum + slice.comments.length, 0);
      }
      const each = (performance.now() - started) / runs;
      console.log(
        `${database.driver}: ${size} comments → first screen ${each.toFixed(1)} ms (${shown} comments shown)`,
      );
    }
  } finally {
    await database.close();
  }
}

void main();
