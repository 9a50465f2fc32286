import { threadRoom, type ServerToClientEvents } from "./events";
import { getRealtimeServer } from "./live-server";

/**
 * Sends a committed change to every open tab of a thread, on every instance (the adapter
 * relays room broadcasts). Call it only after the transaction that made the change committed.
 */
export function publishToThread<Event extends keyof ServerToClientEvents>(
  threadId: string,
  event: Event,
  ...payload: Parameters<ServerToClientEvents[Event]>
): void {
  const io = getRealtimeServer();
  if (!io) return;
  (io.to(threadRoom(threadId)).emit as (event: string, ...args: unknown[]) => boolean)(event, ...payload);
}
