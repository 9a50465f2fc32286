"use server";

import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/client-ip";
import { signUpLimitPerIp, tooManyAttempts } from "@/lib/auth/credentials";
import { isAppError, toErrorBody } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { createUserWithPassword } from "@/lib/users/create-user";
import type { FieldErrors } from "@/lib/users/sign-up-schema";

export type SignUpState =
  | { status: "idle" }
  | { status: "created"; email: string }
  | { status: "invalid"; message: string; fields: FieldErrors; values: { name: string; email: string } };

export async function signUpAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
  const values = { name: String(input.name ?? ""), email: String(input.email ?? "") };
  try {
    // Only a request that bypassed server.ts has no address; those share one limit, never none.
    const address = clientIp(await headers()) ?? "unstamped";
    const limit = await hitRateLimit(getDb(), `sign-up:ip:${address}`, signUpLimitPerIp());
    if (!limit.allowed) throw tooManyAttempts(limit.retryAfterSeconds);
    const user = await createUserWithPassword(getDb(), input);
    return { status: "created", email: user.email };
  } catch (error) {
    const body = toErrorBody(error);
    const fields = isAppError(error) ? ((error.details?.fields as FieldErrors | undefined) ?? {}) : {};
    return { status: "invalid", message: body.message, fields, values };
  }
}
