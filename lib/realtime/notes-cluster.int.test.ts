import { EventEmitter } from "node:events";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { applyStoredState, readNoteState } from "../notes/note-store";
import {
  openNote,
  seedNoteFixtures,
  startNoteServer,
  synced,
  waitFor,
  type TestServer,
} from "../notes/note-test-kit";
import { contentOf, randomEdit, seededRandom } from "../notes/random-edits";
import { createBusAdapter } from "./bus-adapter";

/**
 * Two Agora instances on one database. On PostgreSQL they share rooms and server-side
 * messages through @socket.io/postgres-adapter, as in production; on embedded PGlite (no
 * server to LISTEN on) through an in-process cluster adapter with the same contract.
 */
let database: TestDatabase;
let pool: pg.Pool | undefined;
let servers: TestServer[] = [];
let threadId: string;
let editorIds: string[];

async function clusterAdapter() {
  if (!database.url) {
    const bus = new EventEmitter();
    return () => createBusAdapter(bus);
  }
  pool = new pg.Pool({ connectionString: database.url, max: 6 });
  // The adapter's table for payloads over NOTIFY's 8000-byte limit or holding binary data.
  await pool.query(
    "create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)",
  );
  const shared = pool;
  return () => createAdapter(shared, { errorHandler: (error) => console.error("postgres adapter:", error) });
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ threadId, editorIds } = await seedNoteFixtures(database.db, 6));
  const adapter = await clusterAdapter();
  servers = [
    await startNoteServer({ db: database.db, adapter: adapter() }),
    await startNoteServer({ db: database.db, adapter: adapter() }),
  ];
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await pool?.end();
  await database.close();
});

describe("two instances", () => {
  it("editors connected to different instances converge, and so do both instances' live documents", async () => {
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const clients = editorIds.map((id, index) => openNote(servers[index % 2]!.url, id, threadId));
    try {
      await waitFor(() => clients.every(({ provider }) => synced(provider)), "all clients synced");
      await Promise.all(
        clients.map(async ({ provider }, index) => {
          for (let edit = 0; edit < 30; edit += 1) {
            randomEdit(provider.doc, random, `i${index}`);
            if (random() < 0.7) await new Promise((resolve) => setImmediate(resolve));
          }
        }),
      );

      const noteId = clients[0]!.provider.state.noteId!;
      const live = () => servers.map((server) => server.registry()?.peek(noteId)?.doc);
      const everyone = () => [
        ...clients.map(({ provider }) => contentOf(provider.doc)),
        ...live().map((doc) => (doc ? contentOf(doc) : "not loaded")),
      ];
      await waitFor(
        () => clients.every(({ provider }) => synced(provider)) && new Set(everyone()).size === 1,
        `clients and instances converge (seed ${seed})`,
        30_000,
      );
      const stored = new Y.Doc();
      applyStoredState(stored, await readNoteState(database.db, noteId));
      expect(contentOf(stored), `seed ${seed}`).toBe(everyone()[0]);
      expect(contentOf(stored).length).toBeGreaterThan(100);

      // An edit on the first instance alone reaches the second's live document: nothing but the
      // adapter's server-side message carries it there (the second stores nothing meanwhile).
      const last = new Y.XmlElement("paragraph");
      last.insert(0, [new Y.XmlText("le mot de la fin")]);
      clients[0]!.provider.doc.getXmlFragment("default").push([last]);
      await waitFor(
        () => contentOf(live()[1]!).includes("le mot de la fin"),
        "the second instance's live doc gets the first's update",
      );

      // Presence crosses instances too: a client on the first sees an editor of the second.
      const onSecond = clients[1]!.provider.doc.clientID;
      await waitFor(
        () => clients[0]!.provider.awareness.getStates().get(onSecond)?.user !== undefined,
        "presence across instances",
      );
    } finally {
      for (const client of clients) client.close();
    }
  });
});
