import type { Database } from "../../db/client";
import { getEnv } from "../env";
import { AppError } from "../errors";
import type { RateLimitRule } from "../rate-limit/rate-limit";
import {
  clearAttempts,
  forgiveAttempt,
  isKnownSignInAddress,
  rememberSignInAddress,
  takeAttempt,
  type BackoffRule,
} from "../rate-limit/sign-in-backoff";
import { findUserByEmail } from "../users/create-user";
import { signInSchema } from "../users/sign-up-schema";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";

const quarterHour = 15 * 60;

/**
 * Failed sign-ins slow down, they do not lock: past a few free failures each one doubles the
 * wait (1 s, 2 s, 4 s… up to 15 min). Per account and address for a guesser at one place; per
 * address for one guessing many accounts; per account, across addresses, for a guessing botnet.
 * The last two never apply from an address the member signed in from before, so nobody
 * elsewhere can lock a member out of their usual place.
 */
export const signInThrottle = {
  perAccountAndAddress: { free: 5, baseSeconds: 1, maxSeconds: quarterHour, forgetAfterSeconds: 3600 },
  perAddress: { free: 20, baseSeconds: 1, maxSeconds: quarterHour, forgetAfterSeconds: 3600 },
  perAccount: { free: 10, baseSeconds: 1, maxSeconds: quarterHour, forgetAfterSeconds: 24 * 3600 },
} satisfies Record<string, BackoffRule>;

/** Sign-ups per address and hour, from AGORA_SIGN_UPS_PER_HOUR. */
export function signUpLimitPerIp(): RateLimitRule {
  return { limit: getEnv().AGORA_SIGN_UPS_PER_HOUR, windowSeconds: 60 * 60 };
}

/** One message whether the email is unknown or the password wrong: no account enumeration. */
export const invalidCredentialsMessage = "Adresse e-mail ou mot de passe incorrect.";

function waitingTime(seconds: number): string {
  if (seconds < 60) return `${seconds}\u00a0s`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes}\u00a0minute${minutes > 1 ? "s" : ""}`;
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    "rate_limited:auth",
    `Trop de tentatives. Réessayez dans ${waitingTime(retryAfterSeconds)}.`,
    {
      details: { retryAfterSeconds },
    },
  );
}

/**
 * Checks a sign-in attempt from `address` (null when unknown: then only the per-account wait
 * applies); returns the user it signs in or throws an AppError with a French message. Every
 * wait is checked before the password is hashed, so refused attempts cost no argon2 work.
 */
export async function authorizeCredentials(
  db: Database,
  input: unknown,
  address: string | null,
  now = new Date(),
) {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("unauthorized:credentials", invalidCredentialsMessage);
  const { email, password } = parsed.data;

  const user = await findUserByEmail(db, email);
  const usualAddress = Boolean(user && address && (await isKnownSignInAddress(db, user.id, address)));
  const pairKey = address ? `sign-in:pair:${email}:${address}` : null;
  const sharedKeys = usualAddress
    ? []
    : [
        ...(address ? [[`sign-in:ip:${address}`, signInThrottle.perAddress] as const] : []),
        [`sign-in:account:${email}`, signInThrottle.perAccount] as const,
      ];
  for (const [key, rule] of [
    ...(pairKey ? [[pairKey, signInThrottle.perAccountAndAddress] as const] : []),
    ...sharedKeys,
  ]) {
    const result = await takeAttempt(db, key, rule, now);
    if (!result.allowed) throw tooManyAttempts(result.retryAfterSeconds);
  }

  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstDecoy(password);
  if (!user || !valid || user.role === "system") {
    throw new AppError("unauthorized:credentials", invalidCredentialsMessage);
  }
  if (pairKey) await clearAttempts(db, pairKey);
  for (const [key] of sharedKeys) await forgiveAttempt(db, key);
  if (address) await rememberSignInAddress(db, user.id, address, now);
  return { id: user.id, name: user.name, email: user.email };
}
