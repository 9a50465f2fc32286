import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { hitRateLimit } from "./rate-limit";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("hitRateLimit", () => {
  const rule = { limit: 3, windowSeconds: 60 };

  it("allows the limit, refuses beyond it until the window ends, then starts over", async () => {
    const start = new Date("2026-11-26T10:00:00Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let second = 0; second < 3; second++) {
      expect(await hitRateLimit(database.db, "k", rule, at(second))).toEqual({ allowed: true });
    }
    expect(await hitRateLimit(database.db, "k", rule, at(10))).toEqual({
      allowed: false,
      retryAfterSeconds: 50,
    });
    expect(await hitRateLimit(database.db, "k", rule, at(60))).toEqual({ allowed: true });
  });

  it("counts keys apart", async () => {
    const now = new Date();
    for (let index = 0; index < 3; index++) await hitRateLimit(database.db, "a", rule, now);
    expect((await hitRateLimit(database.db, "a", rule, now)).allowed).toBe(false);
    expect((await hitRateLimit(database.db, "b", rule, now)).allowed).toBe(true);
  });
});
