import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { users } from "../../db/schema/users";
import { assertCan, type Actor } from "../auth/authorization";
import { endEverySessionOf } from "../auth/sign-out";
import { AppError } from "../errors";
import { formatDate } from "../format/relative-time";
import { notifyUsers } from "../notifications/notifications";
import { recordAudit } from "./audit";
import { parseInput } from "./parse-input";
import { liftSuspensionSchema, suspendUserSchema } from "./schemas";

async function lockTarget(tx: Transaction, userId: string) {
  const [target] = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!target) throw new AppError("not_found:user", "Ce membre n’existe pas.");
  return target;
}

/**
 * Suspends a member for some days or until lifted. Every write checks the suspension on the
 * server (pages, actions, each socket event), so it applies at once, on open sockets too.
 */
export async function suspendUserInTransaction(
  tx: Transaction,
  actor: Actor | null,
  input: { userId: string; reason: string; days: number | null },
  now = new Date(),
) {
  const target = await lockTarget(tx, input.userId);
  assertCan(actor, "user:suspend", { targetUserId: target.id, targetRole: target.role });
  const until = input.days === null ? null : new Date(now.getTime() + input.days * 24 * 3600 * 1000);
  await tx
    .update(users)
    .set({ suspendedAt: now, suspendedUntil: until, suspensionReason: input.reason })
    .where(eq(users.id, target.id));
  // Whoever holds a copy of the member's cookies loses it too; the member signs in again to read.
  await endEverySessionOf(tx, target.id);
  await recordAudit(tx, {
    actorId: actor!.id,
    action: "user.suspend",
    targetType: "user",
    targetId: target.id,
    reason: input.reason,
    details: { until: until?.toISOString() ?? null },
  });
  const period = until ? `jusqu’au ${formatDate(until)}` : "jusqu’à nouvel ordre";
  await notifyUsers(tx, [target.id], `Votre compte est suspendu ${period}\u202f: ${input.reason}`, null);
  return { userId: target.id, name: target.name, suspendedUntil: until };
}

export async function suspendUser(db: Database, actor: Actor | null, input: unknown) {
  const parsed = parseInput(suspendUserSchema, input);
  return db.transaction((tx) => suspendUserInTransaction(tx, actor, parsed));
}

export async function liftSuspension(db: Database, actor: Actor | null, input: unknown) {
  const { userId, reason } = parseInput(liftSuspensionSchema, input);
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, userId);
    assertCan(actor, "user:suspend", { targetUserId: target.id, targetRole: target.role });
    await tx
      .update(users)
      .set({ suspendedAt: null, suspendedUntil: null, suspensionReason: null })
      .where(eq(users.id, target.id));
    await recordAudit(tx, {
      actorId: actor!.id,
      action: "user.unsuspend",
      targetType: "user",
      targetId: target.id,
      reason: reason ?? null,
    });
    await notifyUsers(
      tx,
      [target.id],
      "Votre suspension est levée\u202f: vous pouvez de nouveau participer.",
      null,
    );
    return { userId: target.id, name: target.name };
  });
}
