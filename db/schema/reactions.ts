import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { posts } from "./posts";
import { users } from "./users";

/**
 * An emoji reaction (many per member and post, one per emoji) or a debate stance
 * (agree / disagree / nuance: at most one per member and post, takeaway or comment).
 */
export const reactionKinds = pgEnum("reaction_kind", ["emoji", "stance"]);
export const stances = ["agree", "disagree", "nuance"] as const;
export type Stance = (typeof stances)[number];

export const reactions = pgTable(
  "reactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: reactionKinds("kind").notNull(),
    /** The emoji, or the stance (agree | disagree | nuance). */
    value: text("value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("reactions_one_stance_key")
      .on(table.postId, table.userId)
      .where(sql`${table.kind} = 'stance'`),
    uniqueIndex("reactions_one_emoji_key")
      .on(table.postId, table.userId, table.value)
      .where(sql`${table.kind} = 'emoji'`),
    index("reactions_post_idx").on(table.postId, table.kind, table.value),
  ],
);

export type Reaction = typeof reactions.$inferSelect;
