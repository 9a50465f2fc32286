import { afterAll, afterEach, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { openNote, seedNoteFixtures, startNoteServer, type TestServer } from "./note-test-kit";

export interface NoteServerFixture {
  database: TestDatabase;
  server: TestServer;
  /** A thread of the fixtures, whose note the tests open. */
  threadId: string;
  /** Opens that note as this member (null: a guest); closed after the test. */
  open(userId: string | null): ReturnType<typeof openNote>;
  /** Closes this after the test. */
  track(closeable: { close(): void }): void;
}

/**
 * A test file's own database and note server, started before its tests and stopped after them;
 * what a test opens is closed after it. Kept apart from note-test-kit.ts, which the benchmarks
 * import without vitest.
 */
export function openNoteServer(): NoteServerFixture {
  const opened: { close(): void }[] = [];
  const fixture = {
    track: (closeable: { close(): void }) => void opened.push(closeable),
    open(userId: string | null) {
      const note = openNote(fixture.server.url, userId, fixture.threadId);
      opened.push(note);
      return note;
    },
  } as NoteServerFixture;
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    ({ threadId: fixture.threadId } = await seedNoteFixtures(fixture.database.db, 0));
    fixture.server = await startNoteServer({ db: fixture.database.db });
  });
  afterEach(() => {
    for (const closeable of opened.splice(0)) closeable.close();
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.database?.close();
  });
  return fixture;
}
