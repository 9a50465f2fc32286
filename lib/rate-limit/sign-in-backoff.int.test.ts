import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { backoffSeconds, forgiveAttempt, takeAttempt } from "./sign-in-backoff";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const rule = { free: 2, baseSeconds: 1, maxSeconds: 8, forgetAfterSeconds: 60 };
const start = new Date("2026-12-02T10:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe("takeAttempt", () => {
  it("lets the free failures through, then doubles the wait up to its cap", async () => {
    expect(await takeAttempt(database.db, "k", rule, at(0))).toEqual({ allowed: true });
    expect(await takeAttempt(database.db, "k", rule, at(0))).toEqual({ allowed: true });
    expect(await takeAttempt(database.db, "k", rule, at(0))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(await takeAttempt(database.db, "k", rule, at(1))).toEqual({ allowed: true });
    expect(await takeAttempt(database.db, "k", rule, at(2))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(await takeAttempt(database.db, "k", rule, at(3))).toEqual({ allowed: true });
    expect(await takeAttempt(database.db, "k", rule, at(6))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(await takeAttempt(database.db, "k", rule, at(7))).toEqual({ allowed: true });
    expect(await takeAttempt(database.db, "k", rule, at(8))).toEqual({
      allowed: false,
      retryAfterSeconds: 7,
    });
    expect(await takeAttempt(database.db, "k", rule, at(15))).toEqual({ allowed: true });
    // Capped: 8 s, not 16.
    expect(await takeAttempt(database.db, "k", rule, at(16))).toEqual({
      allowed: false,
      retryAfterSeconds: 7,
    });
    expect(await takeAttempt(database.db, "k", rule, at(23))).toEqual({ allowed: true });
  });

  it("starts over once the key has been quiet long enough", async () => {
    for (let index = 0; index < 4; index++) await takeAttempt(database.db, "quiet", rule, at(index * 10));
    expect((await takeAttempt(database.db, "quiet", rule, at(31))).allowed).toBe(false);
    expect(await takeAttempt(database.db, "quiet", rule, at(200))).toEqual({ allowed: true });
    expect(await takeAttempt(database.db, "quiet", rule, at(200))).toEqual({ allowed: true });
  });

  it("lets no more than the free attempts through when they arrive together", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => takeAttempt(database.db, "burst", rule, at(0))),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(rule.free);
  });

  it("un-counts a forgiven attempt", async () => {
    await takeAttempt(database.db, "ok", rule, at(0));
    await takeAttempt(database.db, "ok", rule, at(0));
    await forgiveAttempt(database.db, "ok");
    expect(await takeAttempt(database.db, "ok", rule, at(0))).toEqual({ allowed: true });
  });

  it("computes the wait after each failure", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((failures) => backoffSeconds(failures, rule))).toEqual([
      0, 0, 1, 2, 4, 8, 8,
    ]);
  });
});
