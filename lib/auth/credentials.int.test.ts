import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { AppError } from "../errors";
import { createUserWithPassword } from "../users/create-user";
import { authorizeCredentials, invalidCredentialsMessage, signInLimits } from "./credentials";

let database: TestDatabase;
const password = "Débat-ouvert-2026";
beforeAll(async () => {
  database = await createTestDatabase();
  await createUserWithPassword(database.db, { name: "Nadia", email: "nadia@exemple.fr", password });
  await createUserWithPassword(database.db, { name: "Omar", email: "omar@exemple.fr", password });
});
afterAll(async () => {
  await database.close();
});

async function attempt(email: string, pass: string, ip = "203.0.113.1") {
  return authorizeCredentials(database.db, { email, password: pass }, ip).catch(
    (error: unknown) => error as AppError,
  );
}

describe("sign-in with email and password", () => {
  it("signs in with the right password, any case of email, and returns no hash", async () => {
    const user = await attempt("Nadia@Exemple.fr", password);
    expect(user).toEqual({ id: expect.any(String), name: "Nadia", email: "nadia@exemple.fr" });
  });

  it("gives one message for a wrong password and an unknown email", async () => {
    const wrong = await attempt("nadia@exemple.fr", "pas-le-bon-2026");
    const unknown = await attempt("personne@exemple.fr", password);
    for (const error of [wrong, unknown]) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe(invalidCredentialsMessage);
      expect((error as AppError).status).toBe(401);
    }
  });

  it("refuses further attempts on an account past its limit, saying when to retry", async () => {
    const { limit } = signInLimits.perAccount;
    // Spread over several addresses so only the per-account limit applies.
    for (let index = 0; index < limit; index++)
      await attempt("omar@exemple.fr", "faux-mot-2026", `198.51.100.${index}`);
    const blocked = (await attempt("omar@exemple.fr", password, "198.51.100.250")) as AppError;
    expect(blocked).toBeInstanceOf(AppError);
    expect(blocked.code).toBe("rate_limited:auth");
    expect(blocked.status).toBe(429);
    expect(blocked.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ s\.$/);
    expect(blocked.details?.retryAfterSeconds).toBeGreaterThan(800);
  });

  it("limits attempts from one address across accounts", async () => {
    const ip = "192.0.2.77";
    for (let index = 0; index < signInLimits.perIp.limit; index++)
      await attempt(`inconnu${index}@exemple.fr`, "x", ip);
    const blocked = (await attempt("nadia@exemple.fr", password, ip)) as AppError;
    expect(blocked.code).toBe("rate_limited:auth");
    expect(await attempt("nadia@exemple.fr", password, "192.0.2.78")).toMatchObject({ name: "Nadia" });
  });

  it("treats malformed input as a failed sign-in", async () => {
    const error = await authorizeCredentials(database.db, { email: ["x"] }, "192.0.2.1").catch(
      (caught: unknown) => caught,
    );
    expect((error as AppError).message).toBe(invalidCredentialsMessage);
  });
});
