import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { Actor } from "../auth/authorization";
import { newClientId, seedDiscussion, type SeededDiscussion } from "../posts/testing";
import { createComment } from "../posts/create-comment";
import { hidePost } from "./post-moderation";
import { reportPost } from "./reports";
import { suspendUser } from "./suspensions";
import { editThread, lockThread, setThreadTags } from "./thread-moderation";

let database: TestDatabase;
let seeded: SeededDiscussion;
let moderator: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db);
  moderator = { ...seeded.members.bob, role: "moderator" };
  await database.db.update(users).set({ role: "moderator" }).where(eq(users.id, moderator.id));
});
afterAll(async () => {
  await database.close();
});

// Found by lib/realtime/fuzz.int.test.ts: PostgreSQL refuses these, and the refusal was a 500.
const nul = "avant\u0000après";
const loneSurrogate = "moitié \uD800 d’emoji";

describe("moderation text PostgreSQL would refuse", () => {
  it("stores a title, intro, lock reason and tags holding NUL or a lone surrogate, cleaned", async () => {
    const { threadId } = seeded;
    const edited = await editThread(database.db, moderator, { threadId, title: nul, intro: loneSurrogate });
    expect(edited).toMatchObject({ title: "avantaprès" });
    await expect(lockThread(database.db, moderator, { threadId, reason: nul })).resolves.toMatchObject({
      lockReason: "avantaprès",
    });
    await expect(setThreadTags(database.db, moderator, { threadId, tags: [nul] })).resolves.toBeDefined();
  });

  it("stores a hide reason, a report and a suspension reason holding NUL", async () => {
    // A thread of its own: the first test locked the other one.
    const other = await seedDiscussion(database.db);
    const author = other.members.alice;
    const body = { threadId: other.threadId, clientId: newClientId(), body: "Un avis" };
    const { post: first } = await createComment(database.db, author, body);
    const { post: second } = await createComment(database.db, author, { ...body, clientId: newClientId() });
    await expect(hidePost(database.db, moderator, { postId: first.id, reason: nul })).resolves.toBeDefined();
    await expect(
      reportPost(database.db, other.members.carol, { postId: second.id, reason: "other", text: nul }),
    ).resolves.toBeDefined();
    await expect(
      suspendUser(database.db, moderator, { userId: author.id, reason: loneSurrogate, days: 1 }),
    ).resolves.toBeDefined();
  });
});
