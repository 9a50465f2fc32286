import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { getDb, type Database } from "../../db/client";
import type { NoteSettings } from "../notes/note-settings";
import { threadRoom, threadRoomSchema, type ClientToServerEvents, type ServerToClientEvents } from "./events";
import { onEvent, type AgoraSocket } from "./handler";
import { attachNoteRealtime } from "./notes-handler";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface RealtimeOptions {
  /** Origins allowed to open a socket; empty allows any (development and tests). */
  allowedOrigins?: string[];
  /**
   * Who opened the socket, from the handshake (the session cookie in production); null is a
   * guest. Called once at connection; handlers reload the user on every event.
   */
  identify?: (handshake: Handshake) => Promise<string | null>;
  /** The database; the process-wide one (opened on first use) when absent. */
  db?: Database;
  /** Limits and timings of co-edited notes; tests shrink them. */
  notes?: Partial<NoteSettings>;
}

export type Handshake = AgoraSocket["handshake"];

declare module "socket.io" {
  interface SocketData {
    /** Set at the handshake from the session, never from anything the client sends later. */
    userId: string | null;
  }
}

function readersIn(io: RealtimeServer, room: string): number {
  return io.of("/").adapter.rooms.get(room)?.size ?? 0;
}

function registerThreadRooms(io: RealtimeServer, socket: AgoraSocket) {
  onEvent(socket, "thread:join", threadRoomSchema, async ({ threadId }) => {
    const room = threadRoom(threadId);
    await socket.join(room);
    const readers = readersIn(io, room);
    io.to(room).emit("presence:updated", { threadId, readers });
    return { room, readers };
  });
  onEvent(socket, "thread:leave", threadRoomSchema, async ({ threadId }) => {
    const room = threadRoom(threadId);
    await socket.leave(room);
    io.to(room).emit("presence:updated", { threadId, readers: readersIn(io, room) });
    return { room };
  });
  socket.on("disconnecting", () => {
    for (const room of socket.rooms) {
      if (!room.startsWith("thread:")) continue;
      const threadId = room.slice("thread:".length);
      // The leaving socket is still counted until the disconnect completes.
      socket.to(room).emit("presence:updated", { threadId, readers: readersIn(io, room) - 1 });
    }
  });
}

/** Attaches Agora's Socket.IO server to an HTTP server; tests boot it on port 0 with real clients. */
export function createRealtimeServer(httpServer: HttpServer, options: RealtimeOptions = {}): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    // Next.js serves its own upgrades (hot reload in development) on the same server.
    destroyUpgrade: false,
    maxHttpBufferSize: 1e6,
    cors: options.allowedOrigins?.length ? { origin: options.allowedOrigins, credentials: true } : undefined,
  });
  const identify = options.identify ?? (async () => null);
  io.use((socket, next) => {
    identify(socket.handshake)
      .then((userId) => {
        socket.data.userId = userId;
        next();
      })
      .catch((error: unknown) => {
        // A session that cannot be read is a guest, not a refused connection.
        console.error("Socket identification failed:", error);
        socket.data.userId = null;
        next();
      });
  });
  io.on("connection", (socket) => registerThreadRooms(io, socket));
  attachNoteRealtime(io, { getDb: () => options.db ?? getDb(), settings: options.notes });
  setRealtimeServer(io);
  return io;
}

// Route handlers and server actions run inside Next's bundle, which has its own copy of this
// module: the live server is found through globalThis.
const globalForRealtime = globalThis as { __agoraRealtime?: RealtimeServer };

function setRealtimeServer(io: RealtimeServer) {
  globalForRealtime.__agoraRealtime = io;
}

export function getRealtimeServer(): RealtimeServer | undefined {
  return globalForRealtime.__agoraRealtime;
}
