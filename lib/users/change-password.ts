import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { users } from "../../db/schema/users";
import type { Actor } from "../auth/authorization";
import { tooManyAttempts } from "../auth/credentials";
import { passwordProblems } from "../auth/password-rules";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { endEverySessionOf } from "../auth/sign-out";
import { AppError } from "../errors";
import { clearAttempts, takeAttempt, type BackoffRule } from "../rate-limit/sign-in-backoff";
import type { FieldErrors } from "./sign-up-schema";

export const changePasswordSchema = z.object({
  currentPassword: z
    .string({ error: "Indiquez votre mot de passe actuel." })
    .min(1, "Indiquez votre mot de passe actuel.")
    .max(1024),
  newPassword: z.string({ error: "Choisissez un nouveau mot de passe." }).max(1024),
});

// A stolen session must not become a way to guess the password behind it.
const currentPasswordThrottle: BackoffRule = {
  free: 5,
  baseSeconds: 1,
  maxSeconds: 15 * 60,
  forgetAfterSeconds: 3600,
};

const fieldError = (fields: FieldErrors & { currentPassword?: string[]; newPassword?: string[] }) =>
  new AppError("bad_request:password_change", "Certains champs sont à corriger.", { details: { fields } });

/**
 * Changes a member's password after checking the current one, and ends every session of the
 * member, this browser's included (its caller opens a new one here): whoever held a copy of a
 * cookie, or knew the old password, is out.
 */
export async function changePassword(
  db: Database,
  actor: Actor | null,
  input: unknown,
): Promise<{ id: string; name: string; email: string }> {
  if (!actor) throw new AppError("unauthorized:sign_in", "Connectez-vous pour changer de mot de passe.");
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fields[String(issue.path[0])] ??= []).push(issue.message);
    throw fieldError(fields);
  }
  const { currentPassword, newPassword } = parsed.data;
  const [user] = await db
    .select({ email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.id))
    .limit(1);
  if (!user?.passwordHash)
    throw new AppError(
      "bad_request:no_password",
      "Ce compte se connecte sans mot de passe (GitHub ou Google).",
    );
  const problems = passwordProblems(newPassword, user);
  if (problems.length) throw fieldError({ newPassword: problems });

  const throttleKey = `password-change:${actor.id}`;
  const attempt = await takeAttempt(db, throttleKey, currentPasswordThrottle);
  if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfterSeconds);
  if (!(await verifyPassword(user.passwordHash, currentPassword)))
    throw fieldError({ currentPassword: ["Ce n’est pas votre mot de passe actuel."] });
  await clearAttempts(db, throttleKey);

  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
    await endEverySessionOf(tx, actor.id);
  });
  return { id: actor.id, name: user.name, email: user.email };
}
