import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { seedDiscussion, type SeededDiscussion } from "./testing";

export interface SeededDiscussionFixture {
  database: TestDatabase;
  seeded: SeededDiscussion;
}

/**
 * A test file's own database holding one seeded discussion, opened before its tests and closed
 * after them. Kept apart from ./testing.ts, which the benchmarks import without vitest.
 */
export function openSeededDiscussion(options: { takeaways?: number } = {}): SeededDiscussionFixture {
  const fixture = {} as SeededDiscussionFixture;
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    fixture.seeded = await seedDiscussion(fixture.database.db, options);
  });
  afterAll(async () => {
    await fixture.database?.close();
  });
  return fixture;
}
