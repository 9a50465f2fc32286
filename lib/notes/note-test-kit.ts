import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerOptions } from "socket.io";
import { io as connect } from "socket.io-client";
import type { Database } from "../../db/client";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { getNoteRegistry } from "../realtime/notes-handler";
import { createRealtimeServer, type RealtimeServer } from "../realtime/server";
import type { NoteRegistry } from "./note-registry";
import type { NoteSettings } from "./note-settings";
import { NoteProvider, type NoteSocket } from "./note-provider";

/** Helpers for the notes integration tests (not a test file itself). */

export const people = {
  alice: { id: "alice", name: "Alice Martin", email: "alice@example.test", role: "member" as const },
  bruno: { id: "bruno", name: "Bruno Petit", email: "bruno@example.test", role: "member" as const },
  modo: { id: "modo", name: "Camille Modo", email: "modo@example.test", role: "moderator" as const },
  suspended: {
    id: "suspended",
    name: "Denis Suspendu",
    email: "denis@example.test",
    role: "member" as const,
    suspendedAt: new Date(),
  },
};

/** Members and editors e0…e(n-1), and one thread. */
export async function seedNoteFixtures(
  db: Database,
  editors = 10,
): Promise<{ threadId: string; editorIds: string[] }> {
  const editorIds = Array.from({ length: editors }, (_, index) => `editor-${index}`);
  await db
    .insert(users)
    .values([
      ...Object.values(people),
      ...editorIds.map((id) => ({ id, name: `Éditrice ${id.slice(7)}`, email: `${id}@example.test` })),
    ]);
  return { threadId: await createThread(db), editorIds };
}

export async function createThread(db: Database): Promise<string> {
  const key = Math.random().toString(36).slice(2);
  const [thread] = await db
    .insert(threads)
    .values({ slug: `synthese-${key}`, title: "Une discussion", contentHash: `hash-${key}` })
    .returning({ id: threads.id });
  return thread!.id;
}

export interface TestServer {
  io: RealtimeServer;
  http: HttpServer;
  url: string;
  port: number;
  registry: () => NoteRegistry | undefined;
  /** Stops accepting sockets, then waits for the registry to store and unload everything. */
  close(): Promise<void>;
}

export async function startNoteServer(options: {
  db: Database;
  notes?: Partial<NoteSettings>;
  port?: number;
  adapter?: ServerOptions["adapter"];
}): Promise<TestServer> {
  const http = createServer();
  const io = createRealtimeServer(http, {
    db: options.db,
    notes: options.notes,
    identify: async (handshake) => {
      const id = (handshake.auth as { testUserId?: unknown }).testUserId;
      return typeof id === "string" ? id : null;
    },
  });
  if (options.adapter) io.adapter(options.adapter);
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (http.address() as AddressInfo).port;
  return {
    io,
    http,
    port,
    url: `http://127.0.0.1:${port}`,
    registry: () => getNoteRegistry(io),
    async close() {
      await io.close();
      await getNoteRegistry(io)?.close();
    },
  };
}

export function connectAs(url: string, userId: string | null): NoteSocket {
  return connect(url, {
    transports: ["websocket"],
    forceNew: true,
    auth: userId ? { testUserId: userId } : {},
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
}

export function openNote(url: string, userId: string | null, threadId: string) {
  const socket = connectAs(url, userId);
  const provider = new NoteProvider(socket, threadId);
  return {
    socket,
    provider,
    close() {
      provider.destroy();
      socket.disconnect();
    },
  };
}

/** Polls until `condition` holds (never a fixed sleep); fails with `message` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  message: string | (() => string),
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for: ${typeof message === "string" ? message : message()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A provider's state in one line, for failure messages. */
export function describeProvider(provider: NoteProvider): string {
  const { status, pending, unsent, canEdit, error } = provider.state;
  return `${status} pending=${pending} unsent=${unsent} canEdit=${canEdit}${error ? ` error=${error.code}` : ""}`;
}

export const synced = (provider: NoteProvider) =>
  provider.state.status === "synced" && provider.state.pending === 0 && !provider.state.unsent;
