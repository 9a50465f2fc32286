import { randomUUID } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { memberSessions } from "../../db/schema/auth";

/**
 * A forum account is worth less to steal than a bank's, but members sign in on shared and
 * borrowed machines: two weeks without a visit end a session, each visit extends it (at most
 * once a day, so a page view rarely writes), and no session outlives sixty days, after which
 * the member types their password again. The server enforces both on its row; the cookie
 * only lasts as long as the longest a session can.
 */
export const sessionIdleSeconds = 14 * 24 * 3600;
export const sessionMaxAgeSeconds = 60 * 24 * 3600;
export const sessionRenewalSeconds = 24 * 3600;

type Db = Database | Transaction;

/** A visit at `now` keeps the session open two more weeks, never past its sixtieth day. */
const expiryFrom = (createdAt: Date, now: Date) =>
  new Date(
    Math.min(now.getTime() + sessionIdleSeconds * 1000, createdAt.getTime() + sessionMaxAgeSeconds * 1000),
  );

/** Records a new browser session for a member who just signed in; returns its id (the JWT's sid). */
export async function startMemberSession(db: Db, userId: string, now = new Date()): Promise<string> {
  const id = randomUUID();
  // The member's long-expired sessions go here, so the table never needs a sweeper.
  await db
    .delete(memberSessions)
    .where(and(eq(memberSessions.userId, userId), lte(memberSessions.expiresAt, now)));
  await db
    .insert(memberSessions)
    .values({ id, userId, createdAt: now, lastSeenAt: now, expiresAt: expiryFrom(now, now) });
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
    .select({ createdAt: memberSessions.createdAt, lastSeenAt: memberSessions.lastSeenAt })
    .from(memberSessions)
    .where(
      and(eq(memberSessions.id, sid), eq(memberSessions.userId, userId), gt(memberSessions.expiresAt, now)),
    )
    .limit(1);
  if (!session) return false;
  if (now.getTime() - session.lastSeenAt.getTime() >= sessionRenewalSeconds * 1000) {
    await db
      .update(memberSessions)
      .set({ lastSeenAt: now, expiresAt: expiryFrom(session.createdAt, now) })
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
