import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { posts } from "./posts";

/** Earlier versions of edited comments: the body a member replaced, and when it was written. */
export const postRevisions = pgTable(
  "post_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** When this version was written: the post's creation or its previous edit. */
    writtenAt: timestamp("written_at", { withTimezone: true, mode: "date" }).notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("post_revisions_post_idx").on(table.postId, table.replacedAt)],
);

export type PostRevision = typeof postRevisions.$inferSelect;
