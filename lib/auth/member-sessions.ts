import { randomUUID } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { memberSessions } from "../../db/schema/auth";

/**
 * A forum account is worth less to steal than a bank's, but members sign in on shared and
 * borrowed machines: two weeks without a visit ends a session, and each visit extends it.
 */
export const sessionLifetimeSeconds = 14 * 24 * 3600;
/** A session's expiry moves forward at most once a day, so a page view rarely writes. */
export const sessionRenewalSeconds = 24 * 3600;

type Db = Database | Transaction;

const expiryFrom = (now: Date) => new Date(now.getTime() + sessionLifetimeSeconds * 1000);

/** Records a new browser session for a member who just signed in; returns its id (the JWT's sid). */
export async function startMemberSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const id = randomUUID();
  // The member's long-expired sessions go here, so the table never needs a sweeper.
  await db
    .delete(memberSessions)
    .where(and(eq(memberSessions.userId, userId), lte(memberSessions.expiresAt, now)));
  await db
    .insert(memberSessions)
    .values({ id, userId, createdAt: now, lastSeenAt: now, expiresAt: expiryFrom(now) });
  return id;
}

/**
 * Whether the session `sid` of `userId` is still open; an open session seen more than a day
 * ago has its expiry moved forward (sliding renewal).
 */
export async function touchMemberSession(
  db: Db,
  userId: string,
  sid: string,
  now = new Date(),
): Promise<boolean> {
  const [session] = await db
    .select({ lastSeenAt: memberSessions.lastSeenAt })
    .from(memberSessions)
    .where(
      and(eq(memberSessions.id, sid), eq(memberSessions.userId, userId), gt(memberSessions.expiresAt, now)),
    )
    .limit(1);
  if (!session) return false;
  if (now.getTime() - session.lastSeenAt.getTime() >= sessionRenewalSeconds * 1000) {
    await db
      .update(memberSessions)
      .set({ lastSeenAt: now, expiresAt: expiryFrom(now) })
      .where(eq(memberSessions.id, sid));
  }
  return true;
}

/** Ends one browser session (signing out); its JWT is refused from then on. */
export async function endMemberSession(db: Db, sid: string): Promise<void> {
  await db.delete(memberSessions).where(eq(memberSessions.id, sid));
}

/** Ends every session of a member (suspension, password change); returns the ended ids. */
export async function endAllMemberSessions(db: Db, userId: string): Promise<string[]> {
  const ended = await db
    .delete(memberSessions)
    .where(eq(memberSessions.userId, userId))
    .returning({ id: memberSessions.id });
  return ended.map((session) => session.id);
}
