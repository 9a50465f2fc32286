import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** `system` authors the seeded takeaways; it never signs in. */
export const userRoles = pgEnum("user_role", ["member", "moderator", "admin", "system"]);
export type UserRole = (typeof userRoles.enumValues)[number];

// Column names follow the next-auth Drizzle adapter's user table so it can be used as is.
export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    passwordHash: text("password_hash"),
    role: userRoles("role").notNull().default("member"),
    // Suspension: set `suspendedAt`; `suspendedUntil` null means indefinitely.
    suspendedAt: timestamp("suspended_at", { withTimezone: true, mode: "date" }),
    suspendedUntil: timestamp("suspended_until", { withTimezone: true, mode: "date" }),
    suspensionReason: text("suspension_reason"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    // Emails are unique whatever their case: "Alice@x.fr" and "alice@x.fr" are one account.
    uniqueIndex("users_email_lower_key").on(sql`lower(${table.email})`),
    index("users_role_idx").on(table.role),
  ],
);

export type User = typeof users.$inferSelect;
