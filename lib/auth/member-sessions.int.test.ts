import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createUserWithPassword } from "../users/create-user";
import {
  sessionIdleSeconds,
  sessionMaxAgeSeconds,
  startMemberSession,
  touchMemberSession,
} from "./member-sessions";

let database: TestDatabase;
let userId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  userId = (
    await createUserWithPassword(database.db, {
      name: "Iris",
      email: "iris@exemple.fr",
      password: "Débat-ouvert-2026",
    })
  ).id;
});
afterAll(async () => {
  await database.close();
});

const start = new Date("2026-12-02T10:00:00Z");
const day = (days: number) => new Date(start.getTime() + days * 24 * 3600 * 1000);

describe("a member's session", () => {
  it("lasts two weeks from the last visit: each visit extends it", async () => {
    expect(sessionIdleSeconds).toBe(14 * 24 * 3600);
    const sid = await startMemberSession(database.db, userId, start);
    expect(await touchMemberSession(database.db, userId, sid, day(13))).toBe(true);
    expect(await touchMemberSession(database.db, userId, sid, day(26))).toBe(true);
    expect(await touchMemberSession(database.db, userId, sid, day(41))).toBe(false);
  });

  it("ends after sixty days however often the member comes back", async () => {
    expect(sessionMaxAgeSeconds).toBe(60 * 24 * 3600);
    const sid = await startMemberSession(database.db, userId, start);
    for (let days = 5; days < 60; days += 5)
      expect(await touchMemberSession(database.db, userId, sid, day(days))).toBe(true);
    expect(await touchMemberSession(database.db, userId, sid, day(60.01))).toBe(false);
  });

  it("ends two weeks after sign-in without a visit", async () => {
    const sid = await startMemberSession(database.db, userId, start);
    expect(await touchMemberSession(database.db, userId, sid, day(14.01))).toBe(false);
  });
});
