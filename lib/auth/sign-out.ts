import { getRealtimeServer } from "../realtime/live-server";
import { sessionRoom } from "./session-cookie";

/** Closes every socket opened by one browser session (on every instance, through the adapter). */
export function disconnectSessionSockets(sid: unknown): void {
  if (typeof sid === "string" && sid) getRealtimeServer()?.in(sessionRoom(sid)).disconnectSockets(true);
}
