import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { posts } from "./posts";
import { threads } from "./threads";
import { users } from "./users";

/**
 * Every change to a thread's discussion, in commit order: one row per seq handed out by
 * `threads.last_seq` (besides the seqs of the imported takeaways). A client that kept the
 * last seq it applied catches up on everything after it, creations, edits, deletions and
 * reaction changes alike, with one keyset query; it survives restarts because it is the
 * database, not a socket buffer. Rows carry what changed, not a copy of the content: a
 * catch-up answers with the current state of each post, so a later moderation decision is
 * never undone by replaying an old copy.
 */
export type ThreadEventType =
  | "post_created"
  | "post_edited"
  | "post_deleted"
  | "reactions_changed"
  // Moderation (lib/moderation/post-moderation.ts): hiding, restoring, featuring, moving.
  | "post_hidden"
  | "post_restored"
  | "post_featured"
  | "post_moved";

/** For reactions_changed: the change, so each client can update "mine" for its own member. */
export interface ReactionChange {
  kind: "emoji" | "stance";
  value: string;
  active: boolean;
}

/** For post_moved: the discussion the comment left (a takeaway's id, or null for the thread's). */
export interface MoveChange {
  from: string | null;
}

export const threadEvents = pgTable(
  "thread_events",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").$type<ThreadEventType>().notNull(),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").$type<ReactionChange | MoveChange>(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: "thread_events_pkey", columns: [table.threadId, table.seq] })],
);

export type ThreadEvent = typeof threadEvents.$inferSelect;
