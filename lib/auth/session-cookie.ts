import { decode } from "next-auth/jwt";
import { getEnv } from "../env";
import { getAuthSecret } from "./secret";

/** Secure cookies (and their `__Secure-` name) in production, as next-auth sets them. */
export function secureCookiesEnabled(): boolean {
  return getEnv().NODE_ENV === "production";
}

export function sessionCookieName(): string {
  return `${secureCookiesEnabled() ? "__Secure-" : ""}next-auth.session-token`;
}

/** Sockets of one browser session join this room, so signing out can close them all. */
export function sessionRoom(sid: string): string {
  return `session:${sid}`;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed cookie is ignored, like a browser would.
    }
  }
  return cookies;
}

/** The session token, reassembled when next-auth split it into `.0`, `.1`… chunks. */
function sessionToken(cookies: Map<string, string>): string | undefined {
  const name = sessionCookieName();
  if (cookies.has(name)) return cookies.get(name);
  const chunks: string[] = [];
  for (let index = 0; cookies.has(`${name}.${index}`); index++) chunks.push(cookies.get(`${name}.${index}`)!);
  return chunks.length ? chunks.join("") : undefined;
}

/** Every socket of a member joins this room, so ending all their sessions can close them all. */
export function memberSocketsRoom(userId: string): string {
  return `member-sockets:${userId}`;
}

export interface CookieSession {
  userId: string;
  sid: string | null;
}

/**
 * Reads the session from a Cookie header (a socket handshake's), with the same secret and
 * cookie the pages use. A missing, expired or forged token is no session.
 */
export async function sessionFromCookieHeader(header: string | undefined): Promise<CookieSession | null> {
  const token = sessionToken(parseCookies(header));
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: getAuthSecret() });
    if (!payload?.sub) return null;
    return { userId: payload.sub, sid: typeof payload.sid === "string" ? payload.sid : null };
  } catch {
    return null;
  }
}
