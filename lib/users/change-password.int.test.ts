import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { loadActor } from "../auth/actor";
import { authorizeCredentials } from "../auth/credentials";
import { startMemberSession } from "../auth/member-sessions";
import { AppError } from "../errors";
import { changePassword } from "./change-password";
import { createUserWithPassword } from "./create-user";

let database: TestDatabase;
let userId: string;
const oldPassword = "Débat-ouvert-2026";
const newPassword = "Autre-débat-2027!";

beforeAll(async () => {
  database = await createTestDatabase();
  userId = (
    await createUserWithPassword(database.db, {
      name: "Hugo",
      email: "hugo@exemple.fr",
      password: oldPassword,
    })
  ).id;
});
afterAll(async () => {
  await database.close();
});

async function refusal(input: unknown, actor?: Awaited<ReturnType<typeof loadActor>>) {
  const error = await changePassword(
    database.db,
    actor === undefined ? await loadActor(database.db, userId) : actor,
    input,
  ).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("changing one's password", () => {
  it("is refused to guests, with a wrong current password, or for a weak new one", async () => {
    expect((await refusal({ currentPassword: oldPassword, newPassword }, null)).code).toBe(
      "unauthorized:sign_in",
    );
    expect((await refusal({ currentPassword: "pas-le-bon-2026", newPassword })).details?.fields).toEqual({
      currentPassword: ["Ce n’est pas votre mot de passe actuel."],
    });
    expect(
      (await refusal({ currentPassword: oldPassword, newPassword: "court" })).details?.fields,
    ).toMatchObject({
      newPassword: expect.arrayContaining(["Il faut au moins 10 caractères."]),
    });
  });

  it("ends every session of the member, and only the new password signs in", async () => {
    const phone = await startMemberSession(database.db, userId);
    const laptop = await startMemberSession(database.db, userId);
    await changePassword(database.db, await loadActor(database.db, userId), {
      currentPassword: oldPassword,
      newPassword,
    });
    for (const sid of [phone, laptop]) expect(await loadActor(database.db, { userId, sid })).toBeNull();
    const old = await authorizeCredentials(
      database.db,
      { email: "hugo@exemple.fr", password: oldPassword },
      "192.0.2.5",
    ).catch((caught: unknown) => caught as AppError);
    expect(old).toMatchObject({ code: "unauthorized:credentials" });
    expect(
      await authorizeCredentials(
        database.db,
        { email: "hugo@exemple.fr", password: newPassword },
        "192.0.2.5",
      ),
    ).toMatchObject({ id: userId });
  });
});
