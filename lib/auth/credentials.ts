import type { Database } from "../../db/client";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { hitRateLimit, type RateLimitRule } from "../rate-limit/rate-limit";
import { findUserByEmail } from "../users/create-user";
import { signInSchema } from "../users/sign-up-schema";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";

export const signInLimits = {
  perAccount: { limit: 8, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Sign-ups per address and hour, from AGORA_SIGN_UPS_PER_HOUR. */
export function signUpLimitPerIp(): RateLimitRule {
  return { limit: getEnv().AGORA_SIGN_UPS_PER_HOUR, windowSeconds: 60 * 60 };
}

/** One message whether the email is unknown or the password wrong: no account enumeration. */
export const invalidCredentialsMessage = "Adresse e-mail ou mot de passe incorrect.";

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError("rate_limited:auth", `Trop de tentatives. Réessayez dans ${retryAfterSeconds} s.`, {
    details: { retryAfterSeconds },
  });
}

/** Checks a sign-in attempt; returns the user it signs in or throws an AppError with a French message. */
export async function authorizeCredentials(db: Database, input: unknown, ip: string) {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("unauthorized:credentials", invalidCredentialsMessage);
  const { email, password } = parsed.data;

  for (const [key, rule] of [
    [`sign-in:ip:${ip}`, signInLimits.perIp],
    [`sign-in:account:${email}`, signInLimits.perAccount],
  ] as const) {
    const result = await hitRateLimit(db, key, rule);
    if (!result.allowed) throw tooManyAttempts(result.retryAfterSeconds);
  }

  const user = await findUserByEmail(db, email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstDecoy(password);
  if (!user || !valid || user.role === "system") {
    throw new AppError("unauthorized:credentials", invalidCredentialsMessage);
  }
  return { id: user.id, name: user.name, email: user.email };
}
