"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/client-ip";
import { signUpLimitPerIp, tooManyAttempts } from "@/lib/auth/credentials";
import { issueSessionCookie } from "@/lib/auth/issue-session";
import { isAppError, toErrorBody } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { rememberSignInAddress } from "@/lib/rate-limit/sign-in-backoff";
import { createUserWithPassword } from "@/lib/users/create-user";
import { fieldErrorsOf, signUpSchema, type FieldErrors } from "@/lib/users/sign-up-schema";
import { safeCallbackPath } from "../safe-callback";

export type SignUpState =
  | { status: "idle" }
  | { status: "invalid"; message: string; fields: FieldErrors; values: { name: string; email: string } };

/**
 * Creates the account and signs it in at once, then goes where the visitor was headed: one
 * POST, so it works without JavaScript.
 */
export async function signUpAction(_previous: SignUpState, submitted: FormData): Promise<SignUpState> {
  const form = formDataOf(submitted);
  const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
  const values = { name: String(input.name ?? ""), email: String(input.email ?? "") };
  const callbackPath = safeCallbackPath(String(form.get("callbackUrl") ?? "/"));
  try {
    // A form sent back to be corrected creates nothing and hashes nothing: it does not count
    // against the address's hourly allowance (a few typos must not use it up).
    const checked = signUpSchema.safeParse(input);
    if (!checked.success)
      return {
        status: "invalid",
        message: "Certains champs sont à corriger.",
        fields: fieldErrorsOf(checked.error),
        values,
      };
    const address = clientIp(await headers());
    // Only a request that bypassed server.ts has no address; those share one limit, never none.
    const limit = await hitRateLimit(getDb(), `sign-up:ip:${address ?? "unstamped"}`, signUpLimitPerIp());
    if (!limit.allowed) throw tooManyAttempts(limit.retryAfterSeconds);
    const user = await createUserWithPassword(getDb(), input);
    if (address) await rememberSignInAddress(getDb(), user.id, address);
    const cookie = await issueSessionCookie(getDb(), user);
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
  } catch (error) {
    const body = toErrorBody(error);
    const fields = isAppError(error) ? ((error.details?.fields as FieldErrors | undefined) ?? {}) : {};
    return { status: "invalid", message: body.message, fields, values };
  }
  redirect(callbackPath);
}
