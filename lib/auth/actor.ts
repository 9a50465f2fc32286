import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users } from "../../db/schema/users";
import type { Actor } from "./authorization";
import { touchMemberSession } from "./member-sessions";

/** What a session token says: the member, and which of their browser sessions it is. */
export interface SessionRef {
  userId: string;
  /** Missing on tokens issued before sessions were recorded: those are refused. */
  sid: string | null | undefined;
}

/**
 * Loads the actor behind a session, fresh from the database: a role change or a suspension
 * applies to the very next request or socket event. A session ref must name an open session
 * (signing out or a suspension closes it, whatever the JWT's own expiry says). A bare user id
 * is for sockets, whose session was checked at the handshake and which are disconnected when
 * it ends. Unknown ids and the system account are guests.
 */
export async function loadActor(
  db: Database,
  who: string | SessionRef | null | undefined,
): Promise<Actor | null> {
  if (!who) return null;
  const userId = typeof who === "string" ? who : who.userId;
  if (typeof who === "object" && !(who.sid && (await touchMemberSession(db, who.userId, who.sid))))
    return null;
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || user.role === "system") return null;
  return { ...user, role: user.role };
}
