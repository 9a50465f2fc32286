import postgres from "postgres";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { getEnv } from "../env";
import { applyStoredState, readNoteState } from "../notes/note-store";
import { noteField } from "../notes/note-field";
import {
  describeProvider,
  openNote,
  people,
  seedNoteFixtures,
  startNoteServer,
  synced,
  waitFor,
  type TestServer,
} from "../notes/note-test-kit";
import { renderNoteText } from "../notes/render-note";

const { DATABASE_URL } = getEnv();
if (!DATABASE_URL) {
  console.warn(
    "notes-outage.int.test.ts is skipped: cutting the database's connections needs a PostgreSQL " +
      "server. Set DATABASE_URL (CI does), e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.",
  );
}

let database: TestDatabase;
let threadId: string;
let admin: postgres.Sql;
const servers: TestServer[] = [];

beforeAll(async () => {
  if (!DATABASE_URL) return;
  database = await createTestDatabase();
  ({ threadId } = await seedNoteFixtures(database.db, 0));
  admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  if (!DATABASE_URL) return;
  for (const server of servers) await server.close().catch(() => {});
  await admin.unsafe(`alter database "${databaseName()}" allow_connections true`);
  await admin.end();
  await database.close();
});

function databaseName(): string {
  return new URL(database.url!).pathname.slice(1);
}

async function start() {
  const server = await startNoteServer({ db: database.db });
  servers.push(server);
  return server;
}

function write(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(noteField).push([paragraph]);
}

async function storedText(noteId: string): Promise<string> {
  const doc = new Y.Doc();
  applyStoredState(doc, await readNoteState(database.db, noteId));
  return renderNoteText(doc);
}

const occurrences = (text: string, word: string) => text.split(word).length - 1;

describe.skipIf(!DATABASE_URL)("a database outage while a synthesis edit is being stored", () => {
  it("keeps every acknowledged edit: the live note never runs ahead of the database, and the refused editor re-sends", async () => {
    const server = await start();
    const alice = openNote(server.url, people.alice.id, threadId);
    const bruno = openNote(server.url, people.bruno.id, threadId);
    const lockHolder = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await waitFor(() => synced(alice.provider) && synced(bruno.provider), "both synced");
      write(alice.provider.doc, "avant la panne");
      await waitFor(
        () => synced(alice.provider) && renderNoteText(bruno.provider.doc).includes("avant la panne"),
        "the first edit crosses",
      );
      const noteId = alice.provider.state.noteId!;

      // Another connection holds the note's row, so Alice's append waits for its lock… (one
      // statement, not a transaction: a cut connection then leaves nothing for the client to
      // roll back.)
      const holding =
        lockHolder`select pg_sleep(60) from (select id from notes where id = ${noteId} for update) as held`.catch(
          () => {},
        );
      const name = databaseName();
      await waitFor(async () => {
        const [row] = await admin`select count(*)::int as sleeping from pg_stat_activity
          where datname = ${name} and wait_event = 'PgSleep'`;
        return row!.sleeping > 0;
      }, "the row lock is held");
      write(alice.provider.doc, "pendant la panne");
      await waitFor(async () => {
        const [row] = await admin`select count(*)::int as waiting from pg_stat_activity
          where datname = ${name} and wait_event_type = 'Lock'`;
        return row!.waiting > 0;
      }, "alice's append waits for the row lock");

      // …when the database goes away: no new connection, every open one cut.
      await admin.unsafe(`alter database "${name}" allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = ${name} and pid <> pg_backend_pid()`;
      await waitFor(
        () => alice.provider.state.error?.code === "unavailable:note_store",
        () => `alice is told her edit was not stored (${describeProvider(alice.provider)})`,
      );
      await holding;

      // Nothing claims the edit while the database lacks it.
      expect(renderNoteText(server.registry()!.peek(noteId)!.doc)).not.toContain("pendant la panne");
      expect(renderNoteText(bruno.provider.doc)).not.toContain("pendant la panne");
      expect(synced(alice.provider)).toBe(false);

      await admin.unsafe(`alter database "${name}" allow_connections true`);
      await waitFor(
        async () =>
          synced(alice.provider) &&
          renderNoteText(bruno.provider.doc).includes("pendant la panne") &&
          // The pool may hand this read a connection the cut ended: a failed read is a "not yet".
          (await storedText(noteId).catch(() => "")).includes("pendant la panne"),
        () =>
          `alice re-sends her edit once the database is back (${describeProvider(alice.provider)} ${alice.provider.state.error?.message} bruno: ${renderNoteText(bruno.provider.doc)})`,
        20_000,
      );

      // Her next edit lands on top of a stored log with no hole in it.
      write(alice.provider.doc, "après la panne");
      await waitFor(
        () => synced(alice.provider) && renderNoteText(bruno.provider.doc).includes("après la panne"),
        "the next edit crosses",
      );
      const seen = renderNoteText(alice.provider.doc);
      expect(renderNoteText(bruno.provider.doc)).toBe(seen);
      expect(await storedText(noteId)).toBe(seen);
    } finally {
      alice.close();
      bruno.close();
      await lockHolder.end({ timeout: 0 });
    }

    // After the server stops and a fresh one loads the note, every acknowledged edit is there, once.
    await server.close();
    const restarted = await start();
    const reader = openNote(restarted.url, null, threadId);
    try {
      await waitFor(() => reader.provider.state.status === "synced", "a fresh reader synced");
      const text = renderNoteText(reader.provider.doc);
      for (const word of ["avant la panne", "pendant la panne", "après la panne"]) {
        expect(occurrences(text, word)).toBe(1);
      }
    } finally {
      reader.close();
    }
  });
});
