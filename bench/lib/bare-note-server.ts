import { createServer } from "node:http";
import { Server } from "socket.io";
import { listenOnLoopback, type BareServer } from "./servers";

/**
 * The propagation baseline: Socket.IO of the same version relaying y-protocols update
 * messages as received to the note's room, without storing, checking or ordering them (what a
 * y-websocket-style relay does). A join is answered with the note's starting state, the same
 * for every client; all join before typing, so relaying is then enough for them to converge.
 */
export async function startBareNoteServer(initialState: Uint8Array): Promise<Omit<BareServer, "roomSize">> {
  const httpServer = createServer();
  const io = new Server(httpServer, { maxHttpBufferSize: 1e6 });
  io.on("connection", (socket) => {
    socket.on("bare:note-join", (input: { threadId: string }, ack: (answer: unknown) => void) => {
      void socket.join(`note:${input.threadId}`);
      ack({ ok: true, state: initialState });
    });
    socket.on(
      "bare:note-update",
      (input: { threadId: string; message: Uint8Array }, ack: (answer: unknown) => void) => {
        socket.to(`note:${input.threadId}`).emit("bare:note-update", input);
        ack({ ok: true });
      },
    );
  });
  return {
    url: await listenOnLoopback(httpServer),
    clients: () => io.engine.clientsCount,
    close: () => io.close(),
  };
}
