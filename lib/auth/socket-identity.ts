import { getDb, type Database } from "../../db/client";
import type { Handshake, SocketIdentity } from "../realtime/server";
import { getEnv } from "../env";
import { touchMemberSession } from "./member-sessions";
import { getPublicUrl } from "./secret";
import { memberSocketsRoom, sessionFromCookieHeader, sessionRoom } from "./session-cookie";

/**
 * Origins whose pages may open a socket: Agora’s own, plus any configured. Browsers always send
 * Origin on a handshake, so another site’s page cannot ride on a member’s cookie; clients that
 * are not browsers (tests, benchmarks) send none and carry no browser cookie.
 */
export function allowedSocketOrigins(): string[] {
  const env = getEnv();
  const own = new URL(getPublicUrl());
  const origins = [own.origin, ...env.AGORA_ALLOWED_ORIGINS.map((origin) => new URL(origin).origin)];
  // In development the same server is also reached as 127.0.0.1.
  if (env.NODE_ENV !== "production" && own.hostname === "localhost")
    origins.push(`${own.protocol}//127.0.0.1:${own.port}`);
  return origins;
}

/**
 * Identifies a socket from the session cookie of its handshake, if that session is still open
 * (a JWT copied before its member signed out is a guest), and joins the rooms through which
 * ending the session, or every session of the member, closes the socket.
 */
export async function identifyFromSessionCookie(
  handshake: Handshake,
  db: Database = getDb(),
): Promise<SocketIdentity> {
  const session = await sessionFromCookieHeader(handshake.headers.cookie);
  if (!session?.sid || !(await touchMemberSession(db, session.userId, session.sid)))
    return { userId: null, rooms: [] };
  return { userId: session.userId, rooms: [sessionRoom(session.sid), memberSocketsRoom(session.userId)] };
}
