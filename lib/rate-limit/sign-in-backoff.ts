import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { knownSignInAddresses, signInFailures } from "../../db/schema/auth";

export interface BackoffRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; each failure after it doubles the wait, up to maxSeconds. */
  baseSeconds: number;
  maxSeconds: number;
  /** A key quiet this long starts over. */
  forgetAfterSeconds: number;
}

export type BackoffResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How long after its last failure a key with `failures` failures waits before its next attempt. */
export function backoffSeconds(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (failures - rule.free));
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Takes one attempt on `key` if its wait is over, counting it as a failure until `forgiveAttempt`
 * says otherwise. Check and count are one statement, so parallel attempts cannot all slip through
 * the same opening, and the caller checks before doing any costly work (argon2).
 */
export async function takeAttempt(
  db: Database,
  key: string,
  rule: BackoffRule,
  now = new Date(),
): Promise<BackoffResult> {
  const forgotten = sql`${signInFailures.lastFailureAt} <= ${at(new Date(now.getTime() - rule.forgetAfterSeconds * 1000))}`;
  const wait = sql`least(${rule.maxSeconds}::float8, ${rule.baseSeconds}::float8 * power(2::float8, (${signInFailures.failures} - ${rule.free})::float8))`;
  const [taken] = await db
    .insert(signInFailures)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInFailures.key,
      set: {
        failures: sql`case when ${forgotten} then 1 else ${signInFailures.failures} + 1 end`,
        lastFailureAt: at(now),
      },
      setWhere: sql`${forgotten} or ${signInFailures.failures} < ${rule.free} or ${signInFailures.lastFailureAt} + ${wait} * interval '1 second' <= ${at(now)}`,
    })
    .returning({ failures: signInFailures.failures });
  if (taken) return { allowed: true };
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.key, key)).limit(1);
  const endsAt =
    (row?.lastFailureAt.getTime() ?? now.getTime()) + backoffSeconds(row?.failures ?? 0, rule) * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

/** Un-counts an attempt that succeeded, keeping the failures before it. */
export async function forgiveAttempt(db: Database, key: string): Promise<void> {
  await db
    .update(signInFailures)
    .set({ failures: sql`greatest(${signInFailures.failures} - 1, 0)` })
    .where(eq(signInFailures.key, key));
}

/** Forgets every failure of a key (the right password from that account and address). */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, key));
}

export async function isKnownSignInAddress(db: Database, userId: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: knownSignInAddresses.userId })
    .from(knownSignInAddresses)
    .where(and(eq(knownSignInAddresses.userId, userId), eq(knownSignInAddresses.address, address)))
    .limit(1);
  return Boolean(row);
}

export async function rememberSignInAddress(db: Database, userId: string, address: string, now = new Date()) {
  await db
    .insert(knownSignInAddresses)
    .values({ userId, address, lastSuccessAt: now })
    .onConflictDoUpdate({
      target: [knownSignInAddresses.userId, knownSignInAddresses.address],
      set: { lastSuccessAt: now },
    });
}
