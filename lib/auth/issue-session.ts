import { encode } from "next-auth/jwt";
import type { Database } from "../../db/client";
import { sessionMaxAgeSeconds, startMemberSession } from "./member-sessions";
import { getAuthSecret } from "./secret";
import { secureCookiesEnabled, sessionCookieName } from "./session-cookie";

export interface IssuedCookie {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number };
}

/**
 * Opens a session for a member whose credentials were just checked, as the cookie next-auth
 * itself would set (same name, secret, claims and flags), so pages, route handlers and sockets
 * read it like any other. Server actions use it: a form then signs in with a plain POST, with
 * or without JavaScript, and the password never travels in a URL.
 */
export async function issueSessionCookie(
  db: Database,
  user: { id: string; name: string; email: string },
): Promise<IssuedCookie> {
  const sid = await startMemberSession(db, user.id);
  const value = await encode({
    token: { sub: user.id, name: user.name, email: user.email, sid },
    secret: getAuthSecret(),
    maxAge: sessionMaxAgeSeconds,
  });
  return {
    name: sessionCookieName(),
    value,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: secureCookiesEnabled(),
      maxAge: sessionMaxAgeSeconds,
    },
  };
}
