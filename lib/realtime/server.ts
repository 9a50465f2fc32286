import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { getDb, type Database } from "../../db/client";
import { AppError } from "../errors";
import { clientAddressOf } from "../auth/client-ip";
import { logFailure } from "../log/describe-error";
import { defaultConnectionLimits, limitConnections, type ConnectionLimits } from "./connection-limits";
import { threadExists } from "../threads/locate";
import { createRateLimits, type RateLimitSettings } from "../rate-limit/token-bucket";
import type { RealtimeAdapter } from "./adapter";
import { threadRoom, threadRoomSchema, type ClientToServerEvents, type ServerToClientEvents } from "./events";
import { createEventRouter, type AgoraSocket, type EventRouter } from "./handler";
import { createThreadPresence, type ThreadPresence } from "./presence";
import { routeModerationEvents } from "./moderation-handler";
import { routeSessionEvents } from "./session-handler";
import { routePostEvents, stopTypingOnDisconnect } from "./posts-handler";
import type { NoteSettings } from "../notes/note-settings";
import { setAdapterHealth, setRealtimeServer } from "./live-server";
import { attachNoteRealtime, getNoteRegistry } from "./notes-handler";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface RealtimeOptions {
  /** Origins allowed to open a socket; empty allows any (development and tests). */
  allowedOrigins?: string[];
  /**
   * Who opened the socket, from the handshake (the session cookie in production); null is a
   * guest. Called once at connection; handlers reload the user on every event.
   */
  identify?: (handshake: Handshake) => Promise<string | null | SocketIdentity>;
  /** The database handlers use; the process's own by default (tests pass theirs). */
  db?: Database;
  /** Shares rooms between instances (lib/realtime/adapter.ts); in memory by default. */
  adapter?: RealtimeAdapter;
  /** Per-member budgets; tests tighten them. */
  rateLimits?: RateLimitSettings;
  /** Limits and timings of co-edited notes; tests shrink them. */
  notes?: Partial<NoteSettings>;
  /** Sockets one address or member may hold at once; tests and benchmarks raise or tighten them. */
  connectionLimits?: ConnectionLimits;
}

export interface SocketIdentity {
  userId: string | null;
  /** Rooms the socket joins at once, e.g. its browser session's, so signing out can close it. */
  rooms: string[];
}

/** How long Socket.IO keeps a dropped socket's rooms and missed packets for it. */
const recoveryWindowMs = 2 * 60 * 1000;

export type Handshake = AgoraSocket["handshake"];

declare module "socket.io" {
  interface SocketData {
    /** Set at the handshake from the session, never from anything the client sends later. */
    userId: string | null;
  }
}

/** A tab follows one thread; a few more allow for tabs that share a connection, never thousands. */
export const maxThreadRoomsPerSocket = 8;

function routeThreadRooms(router: EventRouter, presence: ThreadPresence, db: () => Database) {
  router.on("thread:join", threadRoomSchema, async (socket, { threadId }) => {
    const room = threadRoom(threadId);
    // Every room costs the server memory on every instance: only real threads, a few at a time.
    if (!socket.rooms.has(room)) {
      const joined = [...socket.rooms].filter((name) => name.startsWith("thread:")).length;
      if (joined >= maxThreadRoomsPerSocket) {
        throw new AppError(
          "rate_limited:thread_rooms",
          "Trop de discussions suivies sur cette connexion\u202f: fermez-en une avant d’en ouvrir une autre.",
        );
      }
      if (!(await threadExists(db(), threadId))) {
        throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
      }
    }
    await socket.join(room);
    presence.changed(threadId);
    return { room, readers: presence.readers(threadId) };
  });
  router.on("thread:leave", threadRoomSchema, async (socket, { threadId }) => {
    const room = threadRoom(threadId);
    await socket.leave(room);
    presence.changed(threadId);
    return { room };
  });
}

function leaveThreadRooms(socket: AgoraSocket, presence: ThreadPresence) {
  // The socket is still in its rooms now; the count goes out at the next tick, once it left.
  for (const room of socket.rooms) {
    if (room.startsWith("thread:")) presence.changed(room.slice("thread:".length));
  }
}

/** Attaches Agora's Socket.IO server to an HTTP server; tests boot it on port 0 with real clients. */
export function createRealtimeServer(httpServer: HttpServer, options: RealtimeOptions = {}): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    // Next.js serves its own upgrades (hot reload in development) on the same server.
    destroyUpgrade: false,
    maxHttpBufferSize: 1e6,
    cors: options.allowedOrigins?.length ? { origin: options.allowedOrigins, credentials: true } : undefined,
    ...(options.adapter?.adapter ? { adapter: options.adapter.adapter } : {}),
    // Where the adapter supports it; clients also catch up from the database after every
    // reconnection, which covers the other adapters and server restarts.
    ...((options.adapter?.supportsRecovery ?? true)
      ? { connectionStateRecovery: { maxDisconnectionDuration: recoveryWindowMs, skipMiddlewares: true } }
      : {}),
    // Refuse handshakes from other sites' pages before any cookie is read.
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      const allowed =
        !options.allowedOrigins?.length || origin === undefined || options.allowedOrigins.includes(origin);
      callback(allowed ? null : "origin not allowed", allowed);
    },
  });
  const identify = options.identify ?? (async () => null);
  io.use((socket, next) => {
    identify(socket.handshake)
      .then(async (identity) => {
        const { userId, rooms } =
          typeof identity === "object" && identity ? identity : { userId: identity, rooms: [] };
        socket.data.userId = userId;
        if (rooms.length) await socket.join(rooms);
        next();
      })
      .catch((error: unknown) => {
        // A session that cannot be read is a guest, not a refused connection.
        logFailure("Socket identification failed", error);
        socket.data.userId = null;
        next();
      });
  });
  limitConnections(io, options.connectionLimits ?? defaultConnectionLimits, (socket) =>
    clientAddressOf(socket.conn.remoteAddress, socket.handshake.headers["x-forwarded-for"]),
  );
  const db = () => options.db ?? getDb();
  const postDeps = { db, limits: createRateLimits(options.rateLimits) };
  const presence = createThreadPresence(io);
  // Timers of ours must not outlive the server: a presence count told after close reached a
  // PostgreSQL adapter whose pool had ended ("Cannot use a pool after calling end on the pool").
  const closeServer = io.close.bind(io);
  io.close = (callback) => {
    presence.stop();
    return closeServer(callback);
  };
  const router = createEventRouter();
  routeThreadRooms(router, presence, db);
  routeSessionEvents(router, db);
  routeModerationEvents(router, db);
  routePostEvents(router, io, postDeps);
  io.on("connection", (socket) => {
    router.attach(socket);
    socket.on("disconnecting", () => {
      leaveThreadRooms(socket, presence);
      stopTypingOnDisconnect(socket);
    });
  });
  attachNoteRealtime(io, router, { getDb: db, settings: options.notes });
  if (options.adapter) setAdapterHealth(options.adapter.health);
  options.adapter?.onRecovered(() => {
    io.local.emit("realtime:resync");
    getNoteRegistry(io)?.catchUpAll();
  });
  setRealtimeServer(io);
  return io;
}
