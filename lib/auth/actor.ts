import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users } from "../../db/schema/users";
import type { Actor } from "./authorization";

/**
 * Loads the actor behind a session's user id, fresh from the database: a role change or a
 * suspension applies to the very next request or socket event. Unknown ids and the system
 * account are guests.
 */
export async function loadActor(db: Database, userId: string | null | undefined): Promise<Actor | null> {
  if (!userId) return null;
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
