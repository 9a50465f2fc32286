import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createUserWithPassword } from "../users/create-user";
import {
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
  notifyUsers,
} from "./notifications";

let database: TestDatabase;
let ana: string;
let ben: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const user = (name: string) =>
    createUserWithPassword(database.db, { name, email: `${name}@exemple.fr`, password: "Débat-ouvert-2026" });
  ana = (await user("ana")).id;
  ben = (await user("ben")).id;
});
afterAll(async () => {
  await database.close();
});

describe("notifications are read only when their reader says so", () => {
  it("listing them leaves them unread; one is marked read, then all, and never another member's", async () => {
    await notifyUsers(database.db, [ana, ben], "Premier", null);
    await notifyUsers(database.db, [ana], "Second", null);
    await notifyUsers(database.db, [ana], "Troisième", null);
    await listNotifications(database.db, ana);
    await listNotifications(database.db, ana);
    expect(await countUnreadNotifications(database.db, ana)).toBe(3);

    const [third] = await listNotifications(database.db, ana);
    expect(await markNotificationsRead(database.db, ana, { notification: third!.id })).toBe(1);
    expect(await countUnreadNotifications(database.db, ana)).toBe(2);

    const [bensOnly] = await listNotifications(database.db, ben);
    expect(await markNotificationsRead(database.db, ana, { notification: bensOnly!.id })).toBe(0);
    expect(await countUnreadNotifications(database.db, ben)).toBe(1);

    expect(await markNotificationsRead(database.db, ana, { notification: "toutes" })).toBe(2);
    expect(await countUnreadNotifications(database.db, ana)).toBe(0);
    expect(await countUnreadNotifications(database.db, ben)).toBe(1);
  });

  it("answers a forged notification id with a French error", async () => {
    await expect(markNotificationsRead(database.db, ana, { notification: "'; drop" })).rejects.toMatchObject({
      code: "bad_request:notification",
      message: "Cette notification n’existe pas.",
    });
  });
});
