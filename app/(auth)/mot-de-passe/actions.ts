"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { issueSessionCookie } from "@/lib/auth/issue-session";
import { getCurrentActor } from "@/lib/auth/session";
import { isAppError, toErrorBody } from "@/lib/errors";
import { changePassword } from "@/lib/users/change-password";

export type ChangePasswordState =
  | { status: "idle" }
  | { status: "changed" }
  | { status: "invalid"; message: string; fields: PasswordFieldErrors };

type PasswordFieldErrors = Partial<Record<"currentPassword" | "newPassword", string[]>>;

/** Changes the password; every session ends, and this browser gets a fresh one. */
export async function changePasswordAction(
  _previous: ChangePasswordState,
  submitted: FormData,
): Promise<ChangePasswordState> {
  const form = formDataOf(submitted);
  try {
    const member = await changePassword(getDb(), await getCurrentActor(), {
      currentPassword: form.get("currentPassword"),
      newPassword: form.get("newPassword"),
    });
    const cookie = await issueSessionCookie(getDb(), member);
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
    return { status: "changed" };
  } catch (error) {
    const body = toErrorBody(error);
    const fields = isAppError(error)
      ? ((error.details?.fields as PasswordFieldErrors | undefined) ?? {})
      : {};
    return { status: "invalid", message: body.message, fields };
  }
}
