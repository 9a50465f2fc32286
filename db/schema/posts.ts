import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  bigint,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { threads } from "./threads";
import { users } from "./users";

/**
 * Takeaways and comments share one table: both are discussed, reacted to and given stances,
 * and both take a place in the thread's sequence that clients catch up from.
 */
export const postKinds = pgEnum("post_kind", ["takeaway", "comment"]);
export type PostKind = (typeof postKinds.enumValues)[number];

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    kind: postKinds("kind").notNull(),
    /** A sub-point's parent takeaway, or a reply's parent comment. */
    parentId: uuid("parent_id").references((): AnyPgColumn => posts.id),
    /** For a comment: the takeaway it discusses; null for a comment on the thread as a whole. */
    takeawayId: uuid("takeaway_id").references((): AnyPgColumn => posts.id),
    /** For a takeaway: its place in the article, depth-first (sub-points follow their parent). */
    ordinal: integer("ordinal"),
    /** A sub-point's nesting under its takeaway, or a reply's distance from its top-level comment. */
    depth: integer("depth").notNull().default(0),
    /** For a comment: the top-level comment of its conversation (itself when top-level). */
    rootId: uuid("root_id").references((): AnyPgColumn => posts.id),
    /**
     * For a comment: the seqs of its ancestors and its own, from the top-level comment down.
     * Seqs are unique per thread, so `path[d + 1] = x.seq` tells the descendants of a comment
     * x at depth d, and `seq = any(path)` finds a comment's ancestors through the seq index.
     */
    path: bigint("path", { mode: "number" })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    /** Direct replies, tombstones included (they keep their place in the tree). */
    replyCount: integer("reply_count").notNull().default(0),
    /** For a takeaway: the comments of its discussion, all depths, deleted ones excluded. */
    commentCount: integer("comment_count").notNull().default(0),
    body: text("body").notNull(),
    /** Idempotency key chosen by the author's client: a retried send finds the row it created. */
    clientId: text("client_id"),
    /** Position in the thread's sequence (see threads.lastSeq). */
    seq: bigint("seq", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true, mode: "date" }),
    hiddenReason: text("hidden_reason"),
    hiddenById: text("hidden_by_id").references(() => users.id),
    featuredAt: timestamp("featured_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [
    uniqueIndex("posts_thread_seq_key").on(table.threadId, table.seq),
    uniqueIndex("posts_thread_ordinal_key")
      .on(table.threadId, table.ordinal)
      .where(sql`${table.kind} = 'takeaway'`),
    uniqueIndex("posts_author_client_id_key")
      .on(table.authorId, table.clientId)
      .where(sql`${table.clientId} is not null`),
    // Keyset pagination of a takeaway's (or the thread's) comments, newest or oldest first.
    index("posts_discussion_idx").on(table.threadId, table.takeawayId, table.createdAt, table.id),
    // A discussion's top-level comments in sequence order: the first screen and "load more".
    index("posts_top_level_idx")
      .on(table.threadId, table.takeawayId, table.seq)
      .where(sql`${table.kind} = 'comment' and ${table.parentId} is null`),
    // A conversation's replies in sequence order, under one top-level comment.
    index("posts_root_seq_idx")
      .on(table.rootId, table.seq)
      .where(sql`${table.rootId} is not null`),
    index("posts_parent_idx").on(table.parentId),
    index("posts_author_recent_idx").on(table.authorId, table.createdAt.desc()),
  ],
);

export type Post = typeof posts.$inferSelect;
