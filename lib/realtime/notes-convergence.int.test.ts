import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { applyStoredState, readNoteState } from "../notes/note-store";
import {
  describeProvider,
  openNote,
  seedNoteFixtures,
  startNoteServer,
  synced,
  waitFor,
  type TestServer,
} from "../notes/note-test-kit";
import { contentOf, randomEdit, seededRandom } from "../notes/random-edits";

let database: TestDatabase;
let server: TestServer;
let threadId: string;
let editorIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ threadId, editorIds } = await seedNoteFixtures(database.db, 10));
  // A low compaction threshold, so compactions run in the middle of the session too.
  server = await startNoteServer({ db: database.db, notes: { compactAfterUpdates: 100 } });
});

afterAll(async () => {
  await server.close();
  await database.close();
});

const yieldToNetwork = () => new Promise((resolve) => setImmediate(resolve));

describe("convergence", () => {
  // Generous: a loaded machine makes the session slower, and a failure says which client is stuck.
  it("10 clients making hundreds of random concurrent edits end identical, and equal to what is stored", async () => {
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const clients = editorIds.map((id) => openNote(server.url, id, threadId));
    try {
      await waitFor(() => clients.every(({ provider }) => synced(provider)), "all clients synced");

      const editsPerClient = 40;
      await Promise.all(
        clients.map(async ({ provider }, index) => {
          for (let edit = 0; edit < editsPerClient; edit += 1) {
            randomEdit(provider.doc, random, `c${index}`);
            // Let other clients' changes arrive between edits, so edits really are concurrent.
            if (random() < 0.7) await yieldToNetwork();
          }
        }),
      );

      const contents = () => clients.map(({ provider }) => contentOf(provider.doc));
      await waitFor(
        () => clients.every(({ provider }) => synced(provider)) && new Set(contents()).size === 1,
        () =>
          `all clients converge (seed ${seed}); clients: ${clients
            .map(({ provider }) => `[${describeProvider(provider)} ${contentOf(provider.doc).length} chars]`)
            .join(" ")}`,
        30_000,
      );
      const [final] = contents();
      expect(final!.length, `seed ${seed}`).toBeGreaterThan(100);

      // What PostgreSQL holds is exactly what the clients show…
      const stored = new Y.Doc();
      applyStoredState(stored, await readNoteState(database.db, clients[0]!.provider.state.noteId!));
      expect(contentOf(stored), `seed ${seed}`).toBe(final);
    } finally {
      for (const client of clients) client.close();
    }

    // …and what a fresh client loads once everyone has left (the note compacted and unloaded).
    await waitFor(() => server.registry()?.size === 0, "the note unloaded after the last editor left");
    const fresh = openNote(server.url, null, threadId);
    try {
      await waitFor(() => fresh.provider.state.status === "synced", "fresh client synced");
      expect(contentOf(fresh.provider.doc), `seed ${seed}`).toBe(
        contentOf((await loadFromDatabase(fresh.provider.state.noteId!)).doc),
      );
      expect(contentOf(fresh.provider.doc).length).toBeGreaterThan(100);
    } finally {
      fresh.close();
    }
  }, 90_000);
});

async function loadFromDatabase(noteId: string) {
  const doc = new Y.Doc();
  const state = await readNoteState(database.db, noteId);
  applyStoredState(doc, state);
  return { doc, state };
}
