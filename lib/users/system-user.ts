import { users } from "../../db/schema/users";
import type { Database, Transaction } from "../../db/client";

/** The account that authors seeded takeaways. It has no password and can never sign in. */
export const systemUserId = "system";

export async function ensureSystemUser(db: Database | Transaction): Promise<string> {
  await db
    .insert(users)
    .values({ id: systemUserId, name: "Agora", email: "system@agora.invalid", role: "system" })
    .onConflictDoNothing();
  return systemUserId;
}
