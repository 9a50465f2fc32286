import { eq, sql, type AnyColumn } from "drizzle-orm";
import { posts } from "../../db/schema/posts";
import { users } from "../../db/schema/users";
import type { PostRow, Queryable } from "./post-views";

/**
 * Comments read as one JSON value per row, for the read paths that carry many of them (the
 * thread page, a discussion's pages, catch-up). Drizzle maps a result row by row and by column,
 * an entity check (a prototype walk, slow through the aliases of the lateral pages) and a
 * decoder per field; it was the largest cost of reading a page's comments once their Markdown
 * was cached. PostgreSQL builds the object instead and the driver parses it natively, the same
 * way on postgres.js and PGlite (both parse json); only the dates are decoded here. The query
 * builder still writes everything but the select list, so the keyset shapes and their plans
 * stay as they were.
 */
type PostJsonColumn = Exclude<keyof PostRow, "authorName">;

/** The columns of `posts`, or of one of its aliases. */
type PostColumns = Record<PostJsonColumn, AnyColumn>;

type DateField = "createdAt" | "editedAt" | "deletedAt" | "hiddenAt" | "featuredAt";

/** What PostgreSQL sends: dates as ISO 8601 strings, bigints as numbers. */
export type PostJson = Omit<PostRow, "authorName" | DateField> & {
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenReason: string | null;
  featuredAt: string | null;
};

/** A comment's columns as one `json` value (the author's name travels beside it). */
export function postJson(table: PostColumns) {
  return sql<PostJson>`json_build_object(
    'id', ${table.id}, 'threadId', ${table.threadId}, 'kind', ${table.kind}, 'authorId', ${table.authorId},
    'takeawayId', ${table.takeawayId}, 'parentId', ${table.parentId}, 'rootId', ${table.rootId},
    'depth', ${table.depth}, 'path', ${table.path}, 'seq', ${table.seq}, 'body', ${table.body},
    'clientId', ${table.clientId}, 'createdAt', ${table.createdAt}, 'editedAt', ${table.editedAt},
    'deletedAt', ${table.deletedAt}, 'hiddenAt', ${table.hiddenAt}, 'hiddenReason', ${table.hiddenReason},
    'featuredAt', ${table.featuredAt}, 'replyCount', ${table.replyCount})`;
}

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

export function fromPostJson({ post, authorName }: { post: PostJson; authorName: string }): PostRow {
  return {
    id: post.id,
    threadId: post.threadId,
    kind: post.kind,
    authorId: post.authorId,
    authorName,
    takeawayId: post.takeawayId,
    parentId: post.parentId,
    rootId: post.rootId,
    depth: post.depth,
    path: post.path,
    seq: post.seq,
    body: post.body,
    clientId: post.clientId,
    createdAt: new Date(post.createdAt),
    editedAt: dateOrNull(post.editedAt),
    deletedAt: dateOrNull(post.deletedAt),
    hiddenAt: dateOrNull(post.hiddenAt),
    hiddenReason: post.hiddenReason,
    featuredAt: dateOrNull(post.featuredAt),
    replyCount: post.replyCount,
  };
}

/**
 * `selectPostRows` for reading: the same rows, joined to their authors, each as `{ post,
 * authorName }`; map them with `fromPostJson`.
 */
export function selectPostJson(db: Queryable) {
  return db
    .select({ post: postJson(posts), authorName: users.name })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .$dynamic();
}
