import { sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { executeRows } from "../../db/rows";
import type { Actor, MemberRole } from "../auth/authorization";

/*
 * The two statements of a comment batch (lib/posts/comment-batch.ts). Each is one round trip
 * with its data as JSON parameters and its answer as one JSON value: Drizzle spends ~0.15 ms
 * of the event loop per row building a multi-row insert (7 ms for 50 comments, measured) and
 * about as much mapping rows back, more than PostgreSQL takes to run them.
 */
type Queryable = Database | Transaction;

export interface ThreadVersion {
  /** Every change to a thread's discussion takes the next seq: an unchanged seq is an unchanged discussion. */
  lastSeq: number;
  locked: boolean;
  total: number;
  general: number;
}

/** A comment a request replies to, or a takeaway it discusses. */
export interface Target {
  id: string;
  kind: "takeaway" | "comment";
  takeawayId: string | null;
  parentId: string | null;
  rootId: string | null;
  depth: number;
  path: number[];
  deleted: boolean;
}

/** A comment already stored under a request's (author, client id): the request is a retry. */
export interface StoredKey {
  id: string;
  authorId: string;
  clientId: string;
  threadId: string;
  parentId: string | null;
  takeawayId: string | null;
}

/** How far back a batch counts each author's stored comments (see `recentComments`). */
export const recentCommentsWindowMs = 60_000;

export interface BatchState {
  thread: ThreadVersion | null;
  authors: Actor[];
  /**
   * Comments each author stored in the last `recentCommentsWindowMs`, on any instance, before
   * any restart: what a rate limit kept in memory forgets.
   */
  recentComments: Map<string, number>;
  stored: StoredKey[];
  targets: Target[];
}

interface RawState {
  thread: (Omit<ThreadVersion, "lastSeq"> & { lastSeq: number | string }) | null;
  authors: (Omit<Actor, "role" | "suspendedAt" | "suspendedUntil"> & {
    role: MemberRole | "system";
    suspendedAt: string | null;
    suspendedUntil: string | null;
    recentComments: number | string;
  })[];
  stored: StoredKey[];
  targets: (Omit<Target, "path"> & { path: (number | string)[] })[];
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/*
 * Rows are looked up one key at a time in a lateral `limit 1` subquery (an index lookup each;
 * without the limit the planner pulls the subquery up into a join), never by joining the JSON
 * to the table: the planner takes a JSON list for a hundred rows of unknown keys and
 * hash-joins it against a sequential scan of posts, a read that grows with the table (2 ms at
 * 4,500 comments, 8 ms a batch in a 16,000-comment benchmark run). Likewise `id = any(…)`
 * beside the targets' thread filter had it scan the thread's whole discussion index (1,826
 * rows for three targets, read by auto_explain) while the thread's statistics lagged.
 */

/**
 * What deciding a batch needs, read in one statement (one snapshot): the thread's version,
 * the authors as stored now, the requests already stored, and the comments and takeaways
 * they target in this thread.
 */
export async function readBatchState(
  db: Queryable,
  threadId: string,
  keys: { authorId: string; clientId: string }[],
  targetIds: string[],
): Promise<BatchState> {
  const authorIds = [...new Set(keys.map((key) => key.authorId))];
  const pairs = keys.map((key) => ({ author_id: key.authorId, client_id: key.clientId }));
  const [row] = await executeRows<{ state: RawState }>(
    db,
    sql`select json_build_object(
      'thread', (select json_build_object('lastSeq', last_seq, 'locked', locked_at is not null,
          'total', comment_count, 'general', general_comment_count)
        from threads where id = ${threadId}),
      'authors', (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role,
          'suspendedAt', u.suspended_at, 'suspendedUntil', u.suspended_until,
          'recentComments', (select count(*) from posts where author_id = u.id
            and created_at > now() - make_interval(secs => ${recentCommentsWindowMs / 1000})))), '[]')
        from jsonb_array_elements_text(${json(authorIds)}) as a(id)
        cross join lateral (select * from users where id = a.id limit 1) u),
      'stored', (select coalesce(json_agg(json_build_object('id', p.id, 'authorId', p.author_id,
          'clientId', p.client_id, 'threadId', p.thread_id, 'parentId', p.parent_id, 'takeawayId', p.takeaway_id)), '[]')
        from jsonb_to_recordset(${json(pairs)}) as k(author_id text, client_id text)
        cross join lateral (select * from posts where author_id = k.author_id and client_id = k.client_id
          and client_id is not null limit 1) p),
      'targets', (select coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind, 'takeawayId', p.takeaway_id,
          'parentId', p.parent_id, 'rootId', p.root_id, 'depth', p.depth, 'path', p.path, 'deleted', p.deleted_at is not null)), '[]')
        from jsonb_array_elements_text(${json(targetIds)}) as t(id)
        cross join lateral (select * from posts where id = t.id::uuid limit 1) p
        where p.thread_id = ${threadId})
    ) as state`,
  );
  const state = row!.state;
  return {
    thread: state.thread ? { ...state.thread, lastSeq: Number(state.thread.lastSeq) } : null,
    // The system account writes takeaways, never comments: it counts as a guest here.
    authors: state.authors.flatMap(({ recentComments: _recent, ...author }) =>
      author.role === "system"
        ? []
        : [
            {
              ...author,
              role: author.role,
              suspendedAt: author.suspendedAt ? new Date(author.suspendedAt) : null,
              suspendedUntil: author.suspendedUntil ? new Date(author.suspendedUntil) : null,
            },
          ],
    ),
    recentComments: new Map(state.authors.map((author) => [author.id, Number(author.recentComments)])),
    stored: state.stored,
    targets: state.targets.map((target) => ({ ...target, path: target.path.map(Number) })),
  };
}

export interface NewComment {
  id: string;
  authorId: string;
  takeawayId: string | null;
  parentId: string | null;
  rootId: string;
  depth: number;
  path: number[];
  body: string;
  clientId: string;
  seq: number;
}

export interface WrittenBatch {
  createdAt: Map<string, Date>;
  /** Each takeaway's comment count after the batch. */
  takeawayCounts: Map<string, number>;
}

const counts = (counted: Map<string, number>) => [...counted].map(([id, n]) => ({ id, n }));

/**
 * Writes a batch in one statement, atomic on its own: the thread's seq, counts and activity,
 * the comments, their events, their parents' reply counts and their takeaways' comment counts.
 * It writes only if the thread is still at the version the batch was decided on (the same
 * seq, the same lock state), and answers null otherwise: something changed in between, so the
 * batch must be decided again. A comment whose client id another writer took meanwhile is not
 * inserted, and then its event's reference fails the whole statement (a foreign key error).
 */
export async function writeBatch(
  db: Queryable,
  threadId: string,
  version: ThreadVersion,
  comments: NewComment[],
  replies: Map<string, number>,
  perTakeaway: Map<string, number>,
): Promise<WrittenBatch | null> {
  const general = comments.filter((comment) => comment.takeawayId === null).length;
  const rows = comments.map((comment) => ({
    id: comment.id,
    author_id: comment.authorId,
    takeaway_id: comment.takeawayId,
    parent_id: comment.parentId,
    root_id: comment.rootId,
    depth: comment.depth,
    path: comment.path,
    body: comment.body,
    client_id: comment.clientId,
    seq: comment.seq,
  }));
  const [row] = await executeRows<{
    last_seq: number | string | null;
    inserted: { id: string; createdAt: string }[];
    discussed: { id: string; count: number }[];
  }>(
    db,
    sql`with thread as (
        update threads set last_seq = last_seq + ${comments.length},
          comment_count = comment_count + ${comments.length},
          general_comment_count = general_comment_count + ${general},
          last_activity_at = now()
        where id = ${threadId} and last_seq = ${version.lastSeq} and (locked_at is not null) = ${version.locked}
        returning last_seq
      ),
      batch as (
        select * from jsonb_to_recordset(${json(rows)}) as r(id uuid, author_id text, takeaway_id uuid,
          parent_id uuid, root_id uuid, depth integer, path bigint[], body text, client_id text, seq bigint)
        where exists (select 1 from thread)
      ),
      inserted as (
        insert into posts (id, thread_id, author_id, kind, takeaway_id, parent_id, root_id, depth, path, body, client_id, seq)
        select id, ${threadId}, author_id, 'comment', takeaway_id, parent_id, root_id, depth, path, body, client_id, seq
        from batch
        on conflict (author_id, client_id) where client_id is not null do nothing
        returning id, created_at
      ),
      events as (
        insert into thread_events (thread_id, seq, type, post_id, actor_id)
        select ${threadId}, seq, 'post_created', id, author_id from batch
      ),
      replied as (
        update posts set reply_count = posts.reply_count + c.n
        from jsonb_to_recordset(${json(counts(replies))}) as c(id uuid, n integer)
        where posts.id = any(array(select (jsonb_array_elements(${json(counts(replies))}) ->> 'id')::uuid))
          and posts.id = c.id and exists (select 1 from thread)
      ),
      discussed as (
        update posts set comment_count = posts.comment_count + c.n
        from jsonb_to_recordset(${json(counts(perTakeaway))}) as c(id uuid, n integer)
        where posts.id = any(array(select (jsonb_array_elements(${json(counts(perTakeaway))}) ->> 'id')::uuid))
          and posts.id = c.id and exists (select 1 from thread)
        returning posts.id, posts.comment_count
      )
      select (select last_seq from thread) as last_seq,
        (select coalesce(json_agg(json_build_object('id', id, 'createdAt', created_at)), '[]') from inserted) as inserted,
        (select coalesce(json_agg(json_build_object('id', id, 'count', comment_count)), '[]') from discussed) as discussed`,
  );
  if (row?.last_seq === null || row?.last_seq === undefined) return null;
  return {
    createdAt: new Map(row.inserted.map((inserted) => [inserted.id, new Date(inserted.createdAt)])),
    takeawayCounts: new Map(row.discussed.map((discussed) => [discussed.id, discussed.count])),
  };
}
