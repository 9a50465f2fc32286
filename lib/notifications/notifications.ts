import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { notifications } from "../../db/schema/moderation";

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

/** Marks the given notifications read; only the owner's rows are touched. */
export async function markNotificationsRead(db: Database, userId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(eq(notifications.userId, userId), inArray(notifications.id, ids), isNull(notifications.readAt)),
    );
}
