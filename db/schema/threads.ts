import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** One thread per imported article. */
export const threads = pgTable(
  "threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    /** The article's intro, one string per paragraph, kept exactly as imported. */
    intro: jsonb("intro").$type<string[]>().notNull().default([]),
    sourceLabel: text("source_label"),
    sourceUrl: text("source_url"),
    /** Hash of the parsed article: importing the same article again is a no-op. */
    contentHash: text("content_hash").notNull().unique(),
    takeawayCount: integer("takeaway_count").notNull().default(0),
    /** Every comment of the thread, on takeaways or not, deleted ones excluded. */
    commentCount: integer("comment_count").notNull().default(0),
    /** The comments on the thread as a whole (not on a takeaway), deleted ones excluded. */
    generalCommentCount: integer("general_comment_count").notNull().default(0),
    /**
     * Last sequence number handed to a post of this thread. Bumped under the thread's row
     * lock in the transaction that inserts the post, so sequence order is commit order and a
     * client can catch up from the last number it saw.
     */
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    pinnedAt: timestamp("pinned_at", { withTimezone: true, mode: "date" }),
    lockedAt: timestamp("locked_at", { withTimezone: true, mode: "date" }),
    lockReason: text("lock_reason"),
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
  },
  (table) => [
    // Home page order: pinned first, then most recent activity; keyset pagination walks it.
    index("threads_listing_idx").on(
      sql`(${table.pinnedAt} is not null) desc`,
      table.lastActivityAt.desc(),
      table.id.desc(),
    ),
  ],
);

export type Thread = typeof threads.$inferSelect;
