import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { reportPost } from "../moderation/reports";
import { createComment } from "../posts/create-comment";
import { lockThread, newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import { connectClient, startTestServer, type TestServer } from "../realtime/testing";
import type { ClientSocket } from "../realtime/thread-sync";
import { loadActor } from "./actor";
import type { Actor } from "./authorization";

/**
 * Every write of Agora, sent over a real socket by each kind of user, allowed or refused as
 * designed. The server actions of the same operations are covered in
 * app/moderation/actions.int.test.ts; both reach the same lib functions and assertCan.
 */
type Who = "guest" | "member" | "suspended" | "moderator" | "admin";
const everyone: Who[] = ["guest", "member", "suspended", "moderator", "admin"];

const refusals = {
  signIn: { code: "unauthorized:sign_in", message: "Connectez-vous pour participer." },
  suspended: {
    code: "forbidden:suspended",
    message: "Votre compte est suspendu\u202f: vous pouvez lire mais pas écrire.",
  },
  notAuthor: {
    code: "forbidden:not_author",
    message: "Seul l’auteur peut modifier ou supprimer ce commentaire.",
  },
  staff: { code: "forbidden:moderator_only", message: "Réservé aux modérateurs." },
  locked: { code: "forbidden:thread_locked", message: "Cette discussion est verrouillée." },
} as const;
type Refusal = (typeof refusals)[keyof typeof refusals];
type Expected = "ok" | Refusal;

let database: TestDatabase;
let server: TestServer;
let seeded: SeededDiscussion;
const actors = {} as Record<Exclude<Who, "guest">, Actor>;
const sockets = {} as Record<Who, ClientSocket>;
let authorComment: string;

async function commentBy(author: Actor, body: string): Promise<string> {
  const result = await createComment(database.db, author, {
    threadId: seeded.threadId,
    clientId: newClientId(),
    takeawayId: seeded.takeawayIds[0],
    body,
  });
  return result.post.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db);
  const { alice, bob, carol, dave } = seeded.members;
  await database.db
    .update(users)
    .set({ suspendedAt: new Date(), suspensionReason: "Test." })
    .where(eq(users.id, carol.id));
  await database.db.update(users).set({ role: "moderator" }).where(eq(users.id, dave.id));
  const [admin] = await database.db
    .insert(users)
    .values({ name: "Admin", email: `admin-${crypto.randomUUID()}@agora.test`, role: "admin" })
    .returning({ id: users.id });
  actors.member = bob;
  actors.suspended = (await loadActor(database.db, carol.id))!;
  actors.moderator = (await loadActor(database.db, dave.id))!;
  actors.admin = (await loadActor(database.db, admin!.id))!;
  authorComment = await commentBy(alice, "Le commentaire d’Alice");

  server = await startTestServer(database.db, {
    rateLimits: {
      comment: { capacity: 1000, refillEveryMs: 1 },
      reaction: { capacity: 1000, refillEveryMs: 1 },
    },
  });
  for (const who of everyone) {
    sockets[who] = connectClient(server.url, who === "guest" ? null : actors[who].id);
    await new Promise<void>((resolve) => sockets[who].once("connect", () => resolve()));
  }
});

afterAll(async () => {
  for (const socket of Object.values(sockets)) socket.disconnect();
  await server.close();
  await database.close();
});

async function send(who: Who, event: string, payload: unknown) {
  return (
    sockets[who] as unknown as { emitWithAck: (event: string, payload: unknown) => Promise<unknown> }
  ).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
}

function expectOutcome(ack: { ok: boolean; error?: { code: string; message: string } }, expected: Expected) {
  if (expected === "ok") {
    expect(ack.error, JSON.stringify(ack.error)).toBeUndefined();
    expect(ack.ok).toBe(true);
  } else {
    expect(ack).toMatchObject({ ok: false, error: expected });
  }
}

const writer = (who: Who): Expected =>
  who === "guest" ? refusals.signIn : who === "suspended" ? refusals.suspended : "ok";
const staff = (who: Who): Expected =>
  who === "guest" ? refusals.signIn : who === "member" || who === "suspended" ? refusals.staff : "ok";
const notAuthor = (who: Who): Expected =>
  who === "guest" ? refusals.signIn : who === "suspended" ? refusals.suspended : refusals.notAuthor;

const cases: {
  event: string;
  expected: (who: Who) => Expected;
  payload: (who: Who) => Promise<unknown> | unknown;
}[] = [
  {
    event: "post:create",
    expected: writer,
    payload: () => ({
      threadId: seeded.threadId,
      clientId: newClientId(),
      takeawayId: seeded.takeawayIds[1],
      body: "Mon avis",
    }),
  },
  { event: "post:edit", expected: notAuthor, payload: () => ({ postId: authorComment, body: "Réécrit" }) },
  { event: "post:delete", expected: notAuthor, payload: () => ({ postId: authorComment }) },
  { event: "reaction:toggle", expected: writer, payload: () => ({ postId: authorComment, emoji: "👍" }) },
  {
    event: "stance:set",
    expected: writer,
    payload: () => ({ postId: seeded.takeawayIds[0], stance: "agree" }),
  },
  { event: "post:report", expected: writer, payload: () => ({ postId: authorComment, reason: "off_topic" }) },
  { event: "thread:pin", expected: staff, payload: () => ({ threadId: seeded.threadId }) },
  {
    event: "thread:edit",
    expected: staff,
    payload: () => ({ threadId: seeded.threadId, title: "Débat revu", intro: "Intro." }),
  },
  { event: "thread:tags", expected: staff, payload: () => ({ threadId: seeded.threadId, tags: ["Réseau"] }) },
  { event: "post:feature", expected: staff, payload: () => ({ postId: authorComment }) },
  { event: "post:hide", expected: staff, payload: () => ({ postId: authorComment, reason: "Hors charte" }) },
  { event: "post:restore", expected: staff, payload: () => ({ postId: authorComment }) },
  {
    event: "post:move",
    expected: staff,
    payload: () => ({ postId: authorComment, takeawayId: seeded.takeawayIds[2] }),
  },
  {
    event: "reports:resolve",
    expected: staff,
    // Each staff member resolves reports of their own, since a resolved report cannot be resolved again.
    payload: async () => {
      const postId = await commentBy(seeded.members.alice, "À signaler");
      await reportPost(database.db, actors.member, { postId, reason: "spam" });
      return { postId, outcome: "keep", reason: "Dans le sujet" };
    },
  },
  {
    event: "user:suspend",
    expected: staff,
    payload: () => ({ userId: seeded.members.alice.id, reason: "Essai de suspension", days: 1 }),
  },
  { event: "user:unsuspend", expected: staff, payload: () => ({ userId: seeded.members.alice.id }) },
];

describe("every write over sockets, by each kind of user", () => {
  for (const { event, expected, payload } of cases) {
    for (const who of everyone) {
      const outcome = expected(who);
      it(`${who} × ${event} → ${outcome === "ok" ? "allowed" : outcome.code}`, async () => {
        expectOutcome(await send(who, event, await payload(who)), outcome);
      });
    }
  }

  it("closes a locked thread to members but not to moderators", async () => {
    await lockThread(database.db, seeded.threadId);
    const comment = () => ({ threadId: seeded.threadId, clientId: newClientId(), body: "Encore un mot" });
    expectOutcome(await send("member", "post:create", comment()), refusals.locked);
    expectOutcome(
      await send("member", "stance:set", { postId: seeded.takeawayIds[0], stance: "nuance" }),
      refusals.locked,
    );
    expectOutcome(await send("moderator", "post:create", comment()), "ok");
    await lockThread(database.db, seeded.threadId, false);
  });

  it("applies a suspension to a socket already open, at its next event", async () => {
    const bob = actors.member;
    await database.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, bob.id));
    expectOutcome(
      await send("member", "reaction:toggle", { postId: authorComment, emoji: "❤️" }),
      refusals.suspended,
    );
    await database.db.update(users).set({ suspendedAt: null }).where(eq(users.id, bob.id));
    expectOutcome(await send("member", "reaction:toggle", { postId: authorComment, emoji: "❤️" }), "ok");
  });
});
