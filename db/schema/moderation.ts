import { sql } from "drizzle-orm";
import {
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { posts } from "./posts";
import { threads } from "./threads";
import { users } from "./users";

/**
 * Every moderator action, append-only: who did what, to what, when and why. Moderation never
 * deletes a row; this log is how a decision is traced.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    /** e.g. `post.hide`, `thread.lock`, `user.suspend`, `report.resolve`. */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "set null" }),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    index("audit_log_recent_idx").on(table.createdAt.desc(), table.id.desc()),
    index("audit_log_actor_idx").on(table.actorId, table.createdAt.desc()),
    index("audit_log_action_idx").on(table.action, table.createdAt.desc()),
  ],
);

export const reportReasons = pgEnum("report_reason", ["spam", "abuse", "off_topic", "other"]);
export const reportOutcomes = pgEnum("report_outcome", ["hidden", "kept", "author_suspended"]);

export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id),
    reason: reportReasons("reason").notNull(),
    text: text("text"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolvedById: text("resolved_by_id").references(() => users.id),
    outcome: reportOutcomes("outcome"),
  },
  (table) => [
    // Once per member and comment.
    uniqueIndex("reports_once_per_member_key").on(table.postId, table.reporterId),
    index("reports_open_idx")
      .on(table.createdAt, table.postId)
      .where(sql`${table.resolvedAt} is null`),
  ],
);

/** What a member is told: the outcome of their report, a moderation decision about their comment. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("notifications_user_idx").on(table.userId, table.createdAt.desc(), table.id.desc())],
);

export const tags = pgTable("tags", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  label: text("label").notNull(),
});

export const threadTags = pgTable(
  "thread_tags",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.threadId, table.tagId] }),
    index("thread_tags_tag_idx").on(table.tagId),
  ],
);
