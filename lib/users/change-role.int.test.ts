import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { loadActor } from "../auth/actor";
import type { Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { changeUserRole } from "./change-role";
import { createUserWithPassword } from "./create-user";

let database: TestDatabase;
let admin: Actor;
let moderator: Actor;
let memberId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const password = "Débat-ouvert-2026";
  const a = await createUserWithPassword(
    database.db,
    { name: "Admin", email: "admin@exemple.fr", password },
    "admin",
  );
  const m = await createUserWithPassword(
    database.db,
    { name: "Modé", email: "mod@exemple.fr", password },
    "moderator",
  );
  memberId = (
    await createUserWithPassword(database.db, { name: "Membre", email: "membre@exemple.fr", password })
  ).id;
  admin = (await loadActor(database.db, a.id))!;
  moderator = (await loadActor(database.db, m.id))!;
});
afterAll(async () => {
  await database.close();
});

describe("changing a member's role", () => {
  it("lets an admin make a member a moderator, effective on the next load", async () => {
    await changeUserRole(database.db, admin, { userId: memberId, role: "moderator" });
    expect((await loadActor(database.db, memberId))?.role).toBe("moderator");
  });

  it("refuses a moderator, with the reason", async () => {
    const error = await changeUserRole(database.db, moderator, { userId: memberId, role: "admin" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "forbidden:admin_only", message: "Réservé aux administrateurs." });
    expect((await loadActor(database.db, memberId))?.role).toBe("moderator");
  });

  it("refuses guests, self-demotion, the system account and unknown roles", async () => {
    await expect(
      changeUserRole(database.db, null, { userId: memberId, role: "admin" }),
    ).rejects.toMatchObject({
      code: "unauthorized:sign_in",
    });
    await expect(
      changeUserRole(database.db, admin, { userId: admin.id, role: "member" }),
    ).rejects.toMatchObject({
      code: "forbidden:self",
    });
    await expect(
      changeUserRole(database.db, admin, { userId: "nobody", role: "member" }),
    ).rejects.toMatchObject({
      code: "not_found:user",
    });
    await expect(changeUserRole(database.db, admin, { userId: memberId, role: "roi" })).rejects.toMatchObject(
      {
        code: "bad_request:role",
        message: "Rôle inconnu.",
      },
    );
  });
});
