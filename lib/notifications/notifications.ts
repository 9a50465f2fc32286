import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "../../db/client";
import { notifications } from "../../db/schema/moderation";
import { AppError } from "../errors";

export async function notifyUsers(
  tx: Transaction | Database,
  userIds: string[],
  message: string,
  link: string | null,
) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.insert(notifications).values(unique.map((userId) => ({ userId, message, link })));
}

export async function listNotifications(db: Database, userId: string, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnreadNotifications(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** `{ notification: <id> }` marks one, `{ notification: "toutes" }` every unread one. */
export const markReadSchema = z.object({ notification: z.union([z.uuid(), z.literal("toutes")]) });

/**
 * Marks a member's notifications read, by their explicit request: reading the list changes
 * nothing. Only the member's own rows are touched; returns how many changed.
 */
export async function markNotificationsRead(db: Database, userId: string, input: unknown): Promise<number> {
  const parsed = markReadSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("bad_request:notification", "Cette notification n’existe pas.", {
      cause: parsed.error,
    });
  const { notification } = parsed.data;
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ...(notification === "toutes" ? [] : [eq(notifications.id, notification)]),
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}
