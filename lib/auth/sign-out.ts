import type { Database, Transaction } from "../../db/client";
import { getRealtimeServer } from "../realtime/live-server";
import { endAllMemberSessions, endMemberSession } from "./member-sessions";
import { memberSocketsRoom, sessionRoom } from "./session-cookie";

/** Closes every socket opened by one browser session (on every instance, through the adapter). */
export function disconnectSessionSockets(sid: unknown): void {
  if (typeof sid === "string" && sid) getRealtimeServer()?.in(sessionRoom(sid)).disconnectSockets(true);
}

/**
 * Signing out: the session's JWT is refused from now on, even if someone copied it, and its
 * sockets close. Other browsers of the same member stay signed in.
 */
export async function signOutSession(db: Database, sid: unknown): Promise<void> {
  if (typeof sid !== "string" || !sid) return;
  await endMemberSession(db, sid);
  disconnectSessionSockets(sid);
}

/**
 * Ends every session of a member (suspension, password change), inside the caller's
 * transaction. Sockets close at once; a socket client does not reconnect after a server-side
 * disconnect, and a new handshake finds no session once the transaction commits.
 */
export async function endEverySessionOf(db: Database | Transaction, userId: string): Promise<void> {
  await endAllMemberSessions(db, userId);
  getRealtimeServer()?.in(memberSocketsRoom(userId)).disconnectSockets(true);
}
