import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { AppError } from "../errors";
import { createUserWithPassword } from "../users/create-user";
import { authorizeCredentials, invalidCredentialsMessage, signInThrottle } from "./credentials";
import type * as passwords from "./passwords";
import { verifyAgainstDecoy, verifyPassword } from "./passwords";

vi.mock("./passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof passwords>();
  return {
    ...actual,
    verifyPassword: vi.fn(actual.verifyPassword),
    verifyAgainstDecoy: vi.fn(actual.verifyAgainstDecoy),
  };
});

let database: TestDatabase;
const password = "Débat-ouvert-2026";
beforeAll(async () => {
  database = await createTestDatabase();
  for (const [name, email] of [
    ["Nadia", "nadia@exemple.fr"],
    ["Omar", "omar@exemple.fr"],
    ["Lina", "lina@exemple.fr"],
    ["Paul", "paul@exemple.fr"],
  ])
    await createUserWithPassword(database.db, { name, email, password });
});
afterAll(async () => {
  await database.close();
});

// One instant for every attempt: the waits are about time, and a loaded machine must not let
// a wait run out between two attempts of a test.
const now = new Date();

async function attempt(email: string, pass: string, address: string | null = "203.0.113.1") {
  return authorizeCredentials(database.db, { email, password: pass }, address, now).catch(
    (error: unknown) => error as AppError,
  );
}

const argon2Checks = () =>
  vi.mocked(verifyPassword).mock.calls.length + vi.mocked(verifyAgainstDecoy).mock.calls.length;

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

  it("treats malformed input as a failed sign-in", async () => {
    const error = await authorizeCredentials(database.db, { email: ["x"] }, "192.0.2.1").catch(
      (caught: unknown) => caught,
    );
    expect((error as AppError).message).toBe(invalidCredentialsMessage);
  });
});

describe("failed sign-ins slow down without locking members out", () => {
  it("never lets guessing from elsewhere lock a member out of their usual address", async () => {
    const home = "198.51.100.7";
    expect(await attempt("omar@exemple.fr", password, home)).toMatchObject({ name: "Omar" });
    // A botnet guesses from rotating addresses, one attempt each, far past every allowance.
    for (let index = 0; index < signInThrottle.perAccount.free + 10; index++)
      await attempt("omar@exemple.fr", `faux-mot-${index}`, `192.0.2.${index + 1}`);
    const guesser = (await attempt("omar@exemple.fr", password, "192.0.2.200")) as AppError;
    expect(guesser.code).toBe("rate_limited:auth");
    expect(await attempt("omar@exemple.fr", password, home)).toMatchObject({ name: "Omar" });
  });

  it("slows one address guessing many accounts, and no other address", async () => {
    const address = "192.0.2.77";
    for (let index = 0; index < signInThrottle.perAddress.free; index++)
      await attempt(`inconnu${index}@exemple.fr`, "x", address);
    const blocked = (await attempt("lina@exemple.fr", password, address)) as AppError;
    expect(blocked.code).toBe("rate_limited:auth");
    expect(blocked.status).toBe(429);
    expect(blocked.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+\u00a0(s|minutes?)\.$/);
    expect(await attempt("lina@exemple.fr", password, "192.0.2.78")).toMatchObject({ name: "Lina" });
  });

  it("slows one account guessed from one address after a few failures", async () => {
    const address = "192.0.2.90";
    for (let index = 0; index < signInThrottle.perAccountAndAddress.free; index++)
      expect(await attempt("paul@exemple.fr", "faux-mot-2026", address)).toMatchObject({
        code: "unauthorized:credentials",
      });
    expect(await attempt("paul@exemple.fr", "faux-mot-2026", address)).toMatchObject({
      code: "rate_limited:auth",
      details: { retryAfterSeconds: expect.any(Number) },
    });
  });

  it("gives requests without an address no shared allowance that anyone can use up", async () => {
    // More than any per-address allowance, old or new, for all the clients behind "no address".
    for (let index = 0; index < 35; index++) await attempt(`personne${index}@exemple.fr`, "x", null);
    expect(await attempt("nadia@exemple.fr", password, null)).toMatchObject({ name: "Nadia" });
  });

  it("refuses a slowed-down attempt before any argon2 work", async () => {
    const address = "192.0.2.99";
    for (let index = 0; index < signInThrottle.perAddress.free; index++)
      await attempt(`quelquun${index}@exemple.fr`, "x", address);
    const before = argon2Checks();
    for (let index = 0; index < 20; index++)
      expect(await attempt(`autre${index}@exemple.fr`, "x", address)).toMatchObject({
        code: "rate_limited:auth",
      });
    expect(argon2Checks()).toBe(before);
  });
});
