import type { AdapterHealth } from "./adapter";
import type { RealtimeServer } from "./server";

// Route handlers and server actions run inside Next's bundle, which has its own copy of every
// module: the live Socket.IO server is found through globalThis. This module imports nothing at
// run time, so publishing from a route does not pull the socket handlers (and Yjs) into the bundle.
const globalForRealtime = globalThis as {
  __agoraRealtime?: RealtimeServer;
  __agoraAdapterHealth?: () => AdapterHealth;
};

export function setRealtimeServer(io: RealtimeServer): void {
  globalForRealtime.__agoraRealtime = io;
}

export function getRealtimeServer(): RealtimeServer | undefined {
  return globalForRealtime.__agoraRealtime;
}

/** server.ts registers how to read its adapter's state, for /api/health. */
export function setAdapterHealth(health: () => AdapterHealth): void {
  globalForRealtime.__agoraAdapterHealth = health;
}

/** Undefined where no realtime server runs in this process (a build, a CLI). */
export function getAdapterHealth(): AdapterHealth | undefined {
  return globalForRealtime.__agoraAdapterHealth?.();
}
