import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema/users";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Actor } from "@/lib/auth/authorization";
import { newClientId, seedDiscussion, type SeededDiscussion } from "@/lib/posts/testing";
import { createComment } from "@/lib/posts/create-comment";

// Server actions run here as Next would run them, with the session, database and cache mocked.
const state = vi.hoisted(() => ({
  actor: null as unknown,
  db: null as unknown,
}));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getCurrentActor: async () => state.actor,
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getDb: () => state.db,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));

type Action = (...args: unknown[]) => Promise<unknown>;

/** An action used by `useActionState` takes (previous state, form); a plain form action, (form). */
function call(action: Action, form: unknown): Promise<unknown> {
  return action.length === 1 ? action(form) : action({ status: "idle" }, form);
}

/** Every exported function of every app/**\/actions.ts: actions added later are fuzzed too. */
async function loadActions(): Promise<[string, Action][]> {
  const modules = import.meta.glob<Record<string, unknown>>("./**/actions.ts");
  const found: [string, Action][] = [];
  for (const [path, load] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(await load())) {
      if (typeof value === "function") found.push([`${path}#${name}`, value as Action]);
    }
  }
  return found.sort(([a], [b]) => a.localeCompare(b));
}

const english = /\b(invalid|expected|received|required|unrecognized|too (big|small)|must|should)\b/i;
const generic = "Une erreur inattendue est survenue";
const msPerRole = Number(process.env.FUZZ_MS_PER_RUN ?? 1_500);

let database: TestDatabase;
let seeded: SeededDiscussion;
let postIds: string[];
const errorLog: unknown[][] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  state.db = database.db;
  seeded = await seedDiscussion(database.db);
  await database.db.update(users).set({ role: "moderator" }).where(eq(users.id, seeded.members.bob.id));
  await database.db.update(users).set({ role: "admin" }).where(eq(users.id, seeded.members.carol.id));
  postIds = [];
  for (let i = 0; i < 3; i++) {
    const { post } = await createComment(database.db, seeded.members.dave, {
      threadId: seeded.threadId,
      clientId: newClientId(),
      body: `Avis n°${i}`,
    });
    postIds.push(post.id);
  }
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errorLog.push(args);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await database?.close();
});

function formArbitrary(): fc.Arbitrary<[string, string][]> {
  const ids = [seeded.threadId, ...seeded.takeawayIds, ...postIds, seeded.members.alice.id];
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "\u0000",
        "a\u0000b",
        "\uD800",
        "__proto__",
        "constructor",
        "<script>window.__xss=1</script>",
        "pin",
        "lock",
        "edit",
        "hide",
        "suspend",
        "publish",
        "other",
        "moderator",
        "admin",
        "3",
        "-1",
        "1e309",
        "",
        "x".repeat(30_000),
      ),
    },
  );
  const key = fc.constantFrom(
    "operation",
    "threadId",
    "postId",
    "userId",
    "reason",
    "text",
    "title",
    "intro",
    "tags",
    "days",
    "suspendDays",
    "outcome",
    "role",
    "intent",
    "name",
    "email",
    "password",
    "callbackUrl",
    "__proto__",
    "constructor",
  );
  return fc.array(fc.tuple(key, value), { maxLength: 8 });
}

function checkState(action: string, result: unknown) {
  const where = `${action} → ${JSON.stringify(result)?.slice(0, 300)}`;
  expect(result, where).toBeTypeOf("object");
  const message = (result as { message?: unknown }).message;
  if (typeof message === "string") {
    expect(message, where).not.toContain(generic);
    expect(message, where).not.toMatch(english);
  }
  const fields = (result as { fields?: Record<string, string[]> }).fields ?? {};
  for (const text of Object.values(fields).flat()) expect(text, where).not.toMatch(english);
}

describe("server actions found wanting by the fuzzer", () => {
  it("refuses an operation named after Object's own properties as unknown, instead of crashing", async () => {
    const { moderatePostAction, moderateThreadAction } = await import("./moderation/actions");
    state.actor = { ...seeded.members.bob, role: "moderator" };
    for (const operation of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const form = new FormData();
      form.append("operation", operation);
      form.append("threadId", seeded.threadId);
      form.append("postId", postIds[0]!);
      expect(await moderateThreadAction({ status: "idle" }, form)).toEqual({
        status: "error",
        message: "Action inconnue.",
      });
      expect(await moderatePostAction({ status: "idle" }, form)).toMatchObject({ status: "error" });
    }
  });

  it("answers an admin's malformed role change in French, and a NUL in the id as an unknown member", async () => {
    const { changeRoleAction } = await import("./admin/membres/actions");
    state.actor = { ...seeded.members.carol, role: "admin" };
    const empty = (await changeRoleAction({ status: "idle" } as never, new FormData())) as {
      message: string;
    };
    expect(empty.message).not.toMatch(english);
    const form = new FormData();
    form.append("userId", "a\u0000b");
    form.append("role", "moderator");
    expect(await changeRoleAction({ status: "idle" } as never, form)).toMatchObject({
      message: "Ce membre n’existe pas.",
    });
    expect(errorLog).toEqual([]);
  });
});

describe("fuzzing every server action", () => {
  it("answers an action called with anything but a form (a forged request) as it answers an empty form", async () => {
    const actions = await loadActions();
    state.actor = seeded.members.alice;
    for (const [name, action] of actions) {
      for (const junk of [undefined, null, "texte", 42, {}, [], { get: "pas une fonction" }]) {
        let result: unknown;
        try {
          result = await call(action, junk);
        } catch (error) {
          const digest = (error as { digest?: unknown }).digest;
          if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) continue;
          throw new Error(`${name} threw on ${JSON.stringify(junk)}: ${String(error)}`, { cause: error });
        }
        checkState(name, result);
      }
    }
    expect(errorLog).toEqual([]);
  });

  it("answers every form from guests, members, moderators and admins with a French state, never an unexpected error", async () => {
    const actions = await loadActions();
    expect(actions.map(([name]) => name)).toEqual(
      expect.arrayContaining([expect.stringContaining("moderation/actions.ts#moderateThreadAction")]),
    );
    const byName = new Map(actions);
    const roles: [string, Actor | null][] = [
      ["guest", null],
      ["member", seeded.members.alice],
      ["moderator", { ...seeded.members.bob, role: "moderator" }],
      ["admin", { ...seeded.members.carol, role: "admin" }],
    ];
    for (const [role, actor] of roles) {
      state.actor = actor;
      const property = fc.asyncProperty(
        fc.constantFrom(...actions.map(([name]) => name)),
        formArbitrary(),
        async (name, entries) => {
          const action = byName.get(name)!;
          const form = new FormData();
          for (const [key, value] of entries) form.append(key, value);
          let result: unknown;
          try {
            result = await call(action, form);
          } catch (error) {
            // A redirect is how an action ends a successful sign-up; anything else escaped it.
            const digest = (error as { digest?: unknown }).digest;
            if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return;
            throw error;
          }
          checkState(name, result);
        },
      );
      await fc.assert(property, {
        seed: role === "member" ? Date.now() : 20_261_202,
        numRuns: 100_000,
        interruptAfterTimeLimit: msPerRole,
        reporter: (details) => {
          if (!details.failed) return;
          const cause = details.errorInstance;
          const stack = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
          throw new Error(
            `${role}: ${fc.defaultReportMessage(details)?.slice(0, 3_000)}\n${stack.slice(0, 2_000)}`,
          );
        },
      });
    }
    const unexpected = errorLog.filter((args) => /unexpected|failed/i.test(String(args[0])));
    expect(unexpected.map((args) => args.map(String).join(" ").slice(0, 500))).toEqual([]);
  }, 60_000);
});
