import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { reactionEmojis, stanceValues } from "../../lib/reactions/kinds";
import { seedDiscussion } from "../../lib/posts/testing";

/**
 * A long thread written straight to the database in multi-row batches, shaped like a busy one:
 * a third of the comments start a conversation (a third of those in the thread's own
 * discussion, the others spread over its ten takeaways), the rest answer an earlier comment
 * picked at random (so the oldest conversations grow the longest and deepest, as they do), a few
 * are deleted or hidden, a quarter carry reactions. Counters (reply counts, takeaways' and the
 * thread's comment counts, last seq) are what the write path would have left. Seeded
 * pseudo-randomly: the same size gives the same shape.
 */
export interface LongThread {
  threadId: string;
  slug: string;
  size: number;
  takeawayIds: string[];
}

const takeawayCount = 10;
const authorCount = 40;
const maxSeedDepth = 12;
const batchSize = 2000;

/** mulberry32: a tiny deterministic generator, so runs compare like with like. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const phrases = [
  "Je ne suis pas convaincu par cet argument",
  "l’article oublie un point **essentiel**",
  "les chiffres cités datent de 2019",
  "voir aussi https://example.org/etude pour le détail",
  "c’est exactement ce que j’observe dans ma commune",
  "il faudrait distinguer le court et le long terme",
  "*à nuancer* : tout dépend du contexte local",
  "bonne remarque, mais la conclusion ne suit pas",
];

function bodyOf(next: () => number, index: number): string {
  const sentences = 1 + Math.floor(next() * 5);
  const parts = Array.from({ length: sentences }, () => phrases[Math.floor(next() * phrases.length)]!);
  return `${parts.join(", ")} (n° ${index}).${next() < 0.2 ? "\n\nEt un second paragraphe pour préciser." : ""}`;
}

/** A comment as jsonb_to_recordset reads it (snake_case, dates as ISO strings). */
interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  takeaway_id: string | null;
  parent_id: string | null;
  root_id: string;
  depth: number;
  path: number[];
  seq: number;
  body: string;
  client_id: string;
  created_at: string;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  hidden_by_id: string | null;
  featured_at: string | null;
  reply_count: number;
}

interface ReactionRow {
  post_id: string;
  user_id: string;
  kind: "stance" | "emoji";
  value: string;
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += batchSize)
    await insert(rows.slice(start, start + batchSize));
}

export async function seedLongThread(db: Database, size: number): Promise<LongThread> {
  const next = random(size);
  const seeded = await seedDiscussion(db, { takeaways: takeawayCount });
  const suffix = crypto.randomUUID().slice(0, 8);
  const authorIds = Array.from({ length: authorCount }, (_, index) => `lecteur-${index}-${suffix}`);
  await db
    .insert(users)
    .values(authorIds.map((id, index) => ({ id, name: `Lecteur ${index}`, email: `${id}@agora.test` })));

  const comments: CommentRow[] = [];
  const byId = new Map<string, CommentRow>();
  const started = Date.now() - size * 60_000;
  const at = (index: number, later = 0) => new Date(started + index * 60_000 + later).toISOString();
  for (let index = 0; index < size; index++) {
    const id = crypto.randomUUID();
    const seq = takeawayCount + 1 + index;
    let parent: CommentRow | undefined;
    if (index > 0 && next() >= 1 / 3) {
      parent = comments[Math.floor(next() * comments.length)]!;
      // Past a dozen levels a reply goes under the conversation's start instead, as readers do.
      if (parent.depth >= maxSeedDepth) parent = byId.get(parent.root_id)!;
    }
    // A third of the conversations are about the article as a whole, the rest about one takeaway.
    const takeawayId = parent
      ? parent.takeaway_id
      : next() < 1 / 3
        ? null
        : seeded.takeawayIds[Math.floor(next() * takeawayCount)]!;
    const roll = next();
    const hidden = roll >= 0.01 && roll < 0.015;
    const comment: CommentRow = {
      id,
      thread_id: seeded.threadId,
      author_id: authorIds[Math.floor(next() * authorIds.length)]!,
      takeaway_id: takeawayId,
      parent_id: parent?.id ?? null,
      root_id: parent?.root_id ?? id,
      depth: parent ? parent.depth + 1 : 0,
      path: parent ? [...parent.path, seq] : [seq],
      seq,
      body: bodyOf(next, index),
      client_id: `bench-${suffix}-${index}`,
      created_at: at(index),
      deleted_at: roll < 0.01 ? at(index, 30_000) : null,
      hidden_at: hidden ? at(index, 30_000) : null,
      hidden_reason: hidden ? "Hors sujet." : null,
      hidden_by_id: hidden ? authorIds[0]! : null,
      featured_at: roll > 0.998 ? at(index, 30_000) : null,
      reply_count: 0,
    };
    if (parent) parent.reply_count++;
    comments.push(comment);
    byId.set(id, comment);
  }

  const reactionRows: ReactionRow[] = [];
  for (const comment of comments) {
    if (comment.deleted_at || next() >= 0.25) continue;
    const count = 1 + Math.floor(next() * 3);
    const first = Math.floor(next() * authorIds.length);
    for (let k = 0; k < count; k++) {
      const stance = next() < 0.5;
      reactionRows.push({
        post_id: comment.id,
        user_id: authorIds[(first + k) % authorIds.length]!,
        kind: stance ? "stance" : "emoji",
        value: stance
          ? stanceValues[Math.floor(next() * stanceValues.length)]!
          : reactionEmojis[Math.floor(next() * reactionEmojis.length)]!,
      });
    }
  }

  const live = comments.filter((comment) => !comment.deleted_at);
  const perTakeaway = new Map<string, number>();
  for (const { takeaway_id } of live)
    if (takeaway_id) perTakeaway.set(takeaway_id, (perTakeaway.get(takeaway_id) ?? 0) + 1);

  await db.transaction(async (tx) => {
    // Parents come before their replies (seq order), so every batch's foreign keys resolve.
    await insertInBatches(comments, (batch) =>
      tx.execute(sql`
        insert into posts (id, thread_id, author_id, kind, takeaway_id, parent_id, root_id, depth, path,
          seq, body, client_id, created_at, deleted_at, hidden_at, hidden_reason, hidden_by_id, featured_at, reply_count)
        select id, thread_id, author_id, 'comment', takeaway_id, parent_id, root_id, depth, path,
          seq, body, client_id, created_at, deleted_at, hidden_at, hidden_reason, hidden_by_id, featured_at, reply_count
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(id uuid, thread_id uuid,
          author_id text, takeaway_id uuid, parent_id uuid, root_id uuid, depth int, path bigint[], seq bigint,
          body text, client_id text, created_at timestamptz, deleted_at timestamptz, hidden_at timestamptz,
          hidden_reason text, hidden_by_id text, featured_at timestamptz, reply_count int)`),
    );
    await insertInBatches(reactionRows, (batch) =>
      tx.execute(sql`
        insert into reactions (post_id, user_id, kind, value)
        select post_id, user_id, kind::reaction_kind, value
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(post_id uuid, user_id text, kind text, value text)`),
    );
    for (const takeawayId of seeded.takeawayIds) {
      await tx
        .update(posts)
        .set({ commentCount: perTakeaway.get(takeawayId) ?? 0 })
        .where(eq(posts.id, takeawayId));
    }
    await tx
      .update(threads)
      .set({
        lastSeq: takeawayCount + size,
        commentCount: live.length,
        generalCommentCount: live.filter((comment) => comment.takeaway_id === null).length,
      })
      .where(eq(threads.id, seeded.threadId));
  });
  // Fresh statistics, as autovacuum would have gathered on a thread that grew over months.
  await db.execute(sql`analyze posts, reactions, users, threads`);
  return {
    threadId: seeded.threadId,
    slug: seeded.slug,
    size,
    takeawayIds: seeded.takeawayIds,
  };
}
