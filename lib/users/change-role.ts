import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { users } from "../../db/schema/users";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { frenchIssues } from "../french-issues";
import { toStorableText } from "../storable-text";

export const changeRoleSchema = z.object({
  userId: z.string().overwrite(toStorableText).min(1, "Membre inconnu."),
  role: z.enum(["member", "moderator", "admin"], { error: "Rôle inconnu." }),
});
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** An admin gives another member a role; the change applies to their next request or socket event. */
export async function changeUserRole(db: Database, actor: Actor | null, input: unknown) {
  const parsed = changeRoleSchema.safeParse(input, { error: frenchIssues });
  if (!parsed.success)
    throw new AppError("bad_request:role", parsed.error.issues[0]?.message ?? "Demande invalide.");
  const { userId, role } = parsed.data;
  const [target] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!target) throw new AppError("not_found:user", "Ce membre n’existe pas.");
  assertCan(actor, "user:change-role", { targetUserId: target.id, targetRole: target.role });
  const [updated] = await db
    .update(users)
    .set({ role })
    .where(eq(users.id, userId))
    .returning({ id: users.id, name: users.name, role: users.role });
  return updated!;
}
