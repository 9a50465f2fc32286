import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { verifyPassword } from "../auth/passwords";
import { AppError } from "../errors";
import { createUserWithPassword } from "./create-user";
import type { FieldErrors } from "./sign-up-schema";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function failure(input: unknown): Promise<AppError> {
  const error = await createUserWithPassword(database.db, input).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("sign-up", () => {
  it("creates a member with an argon2id hash, the email lower-cased", async () => {
    const user = await createUserWithPassword(database.db, {
      name: "  Camille  ",
      email: "Camille.Durand@Exemple.FR",
      password: "Débat-ouvert-2026",
    });
    expect(user).toMatchObject({ name: "Camille", email: "camille.durand@exemple.fr", role: "member" });
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.passwordHash!, "Débat-ouvert-2026")).toBe(true);
    expect(JSON.stringify(user)).not.toContain("argon2");
  });

  it("refuses an email already used, whatever its case", async () => {
    const error = await failure({
      name: "Autre",
      email: "CAMILLE.durand@exemple.fr",
      password: "Un-autre-mot-2026",
    });
    expect(error.code).toBe("conflict:email");
    expect(error.details).toEqual({
      fields: { email: ["Un compte existe déjà avec cette adresse e-mail."] },
    });
  });

  it("explains each broken password rule", async () => {
    const error = await failure({ name: "Léa", email: "lea@exemple.fr", password: "court" });
    expect(error.code).toBe("bad_request:sign_up");
    expect(error.details?.fields).toEqual({
      password: [
        "Il faut au moins 10 caractères.",
        "Il faut des lettres et au moins un chiffre ou un symbole.",
      ],
    });
    const common = await failure({ name: "Léa", email: "lea@exemple.fr", password: "motdepasse123" });
    expect(common.details?.fields).toEqual({ password: ["Ce mot de passe est trop courant."] });
    const withEmail = await failure({
      name: "Léa",
      email: "lea.martin@exemple.fr",
      password: "lea.martin-2026",
    });
    expect(withEmail.details?.fields).toEqual({
      password: ["Le mot de passe ne doit pas contenir votre adresse e-mail."],
    });
  });

  it("answers bad input field by field", async () => {
    const error = await failure({ name: "A", email: "pas-une-adresse", password: 12 });
    expect(error.details?.fields).toEqual({
      name: ["Le nom doit faire au moins 2 caractères."],
      email: ["Cette adresse e-mail n’est pas valide."],
      password: ["Choisissez un mot de passe."],
    });
    expect((await failure(null)).code).toBe("bad_request:sign_up");
  });

  it("refuses names with invisible characters or that pass for a role, and stores names normalized", async () => {
    const password = "Débat-ouvert-2026";
    const hidden = await failure({ name: "\u200bAdmin", email: "zw@exemple.fr", password });
    expect((hidden.details?.fields as FieldErrors).name).toContain(
      "Le nom ne peut pas contenir de caractères invisibles ou de contrôle.",
    );
    const role = await failure({ name: "Modération", email: "role@exemple.fr", password });
    expect((role.details?.fields as FieldErrors).name?.[0]).toMatch(/^Ce nom imite un rôle de l’équipe/);
    const wide = await createUserWithPassword(database.db, {
      name: "Ｎｏéｍｉｅ",
      email: "noemie@exemple.fr",
      password,
    });
    expect(wide.name).toBe("Noémie");
    // An admin created from the command line may say so, but not invisibly.
    expect(
      await createUserWithPassword(
        database.db,
        { name: "Admin Léa", email: "lea.admin@exemple.fr", password },
        "admin",
      ),
    ).toMatchObject({ name: "Admin Léa", role: "admin" });
  });
});
