"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/client-ip";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { issueSessionCookie } from "@/lib/auth/issue-session";
import { secureCookiesEnabled, sessionCookieName, sessionFromCookieHeader } from "@/lib/auth/session-cookie";
import { signOutSession } from "@/lib/auth/sign-out";
import { toErrorBody } from "@/lib/errors";
import { safeCallbackPath } from "./safe-callback";

export type SignInState = { status: "idle" } | { status: "refused"; message: string; email: string };

/** Signs in from the sign-in form, a POST that works without JavaScript. */
export async function signInAction(_previous: SignInState, submitted: FormData): Promise<SignInState> {
  const form = formDataOf(submitted);
  const email = form.get("email");
  const callbackPath = safeCallbackPath(String(form.get("callbackUrl") ?? "/"));
  try {
    const user = await authorizeCredentials(
      getDb(),
      { email, password: form.get("password") },
      clientIp(await headers()),
    );
    const cookie = await issueSessionCookie(getDb(), user);
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
  } catch (error) {
    return { status: "refused", message: toErrorBody(error).message, email: String(email ?? "") };
  }
  redirect(callbackPath);
}

/** Ends this browser's session (its JWT is refused from now on) and forgets its cookie. */
export async function signOutAction(): Promise<void> {
  const session = await sessionFromCookieHeader((await headers()).get("cookie") ?? undefined);
  if (session?.sid) await signOutSession(getDb(), session.sid);
  const jar = await cookies();
  const name = sessionCookieName();
  for (const cookie of jar.getAll()) {
    // Set, not delete: a __Secure- cookie is only replaced by one that is itself Secure.
    if (cookie.name === name || cookie.name.startsWith(`${name}.`))
      jar.set(cookie.name, "", {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookiesEnabled(),
        maxAge: 0,
      });
  }
  redirect("/");
}
