import { and, desc, eq, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "../../db/client";
import { auditLog } from "../../db/schema/moderation";
import { users } from "../../db/schema/users";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: "thread" | "post" | "user" | "note";
  targetId: string;
  threadId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** Written in the transaction of the action it records: no action without its trace. */
export async function recordAudit(tx: Transaction | Database, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    ...entry,
    threadId: entry.threadId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  });
}

export const auditFilterSchema = z.object({
  actorId: z.string().min(1).optional(),
  action: z.string().min(1).max(60).optional(),
  targetType: z.enum(["thread", "post", "user", "note"]).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** The log, newest first, by keyset, filtered by who, what and on what kind of target. */
export async function listAuditLog(db: Database, actor: Actor | null, input: unknown) {
  assertCan(actor, "audit:read");
  const filters = auditFilterSchema.parse(input);
  let cursor: z.infer<typeof cursorSchema> | null = null;
  if (filters.cursor) {
    try {
      cursor = cursorSchema.parse(JSON.parse(Buffer.from(filters.cursor, "base64url").toString("utf8")));
    } catch (error) {
      throw new AppError("bad_request:cursor", "Ce lien de pagination n’est plus valide.", { cause: error });
    }
  }
  const at = cursor ? new Date(cursor.createdAt) : null;
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      threadId: auditLog.threadId,
      reason: auditLog.reason,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
        filters.action ? eq(auditLog.action, filters.action) : undefined,
        filters.targetType ? eq(auditLog.targetType, filters.targetType) : undefined,
        cursor && at
          ? or(lt(auditLog.createdAt, at), and(eq(auditLog.createdAt, at), lt(auditLog.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filters.limit + 1);
  const entries = rows.slice(0, filters.limit);
  const last = entries.at(-1);
  const nextCursor =
    rows.length > filters.limit && last
      ? Buffer.from(JSON.stringify({ createdAt: last.createdAt.toISOString(), id: last.id })).toString(
          "base64url",
        )
      : null;
  return { entries, nextCursor };
}
