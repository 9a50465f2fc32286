"use client";

import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type AgoraClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The browser's one Socket.IO connection, shared by every feature on the page. The session
 * cookie goes with the handshake (`withCredentials`); the server decides who we are.
 */
let socket: AgoraClientSocket | undefined;

export function getRealtimeSocket(): AgoraClientSocket {
  socket ??= io({ withCredentials: true });
  return socket;
}
