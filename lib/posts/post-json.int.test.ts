import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openSeededDiscussion } from "./seeded-discussion.fixture";
import { posts } from "../../db/schema/posts";
import { createComment } from "./create-comment";
import { fromPostJson, selectPostJson } from "./post-json";
import { selectPostRows } from "./post-views";
import { createCommentSchema } from "./schemas";
import { newClientId } from "./testing";

const context = openSeededDiscussion({ takeaways: 2 });

async function write(fields: { takeawayId?: string; parentId?: string; body: string }) {
  const input = createCommentSchema.parse({
    threadId: context.seeded.threadId,
    clientId: newClientId(),
    ...fields,
  });
  return (await createComment(context.database.db, context.seeded.members.alice, input)).post;
}

describe("selectPostJson", () => {
  it("reads the rows Drizzle's column mapping reads, field for field", async () => {
    const top = await write({ body: "*Premier* avis, https://example.org" });
    const reply = await write({ parentId: top.id, body: "Réponse « entre guillemets »\nsur deux lignes" });
    const deep = await write({ parentId: reply.id, body: "Plus bas" });
    await write({ takeawayId: context.seeded.takeawayIds[0]!, body: "Sur le point 1" });
    // Every state a comment can be in, with now()'s microseconds in the dates.
    await context.database.db
      .update(posts)
      .set({ editedAt: sql`now()`, featuredAt: sql`now() - interval '1 second'` })
      .where(eq(posts.id, top.id));
    await context.database.db
      .update(posts)
      .set({ hiddenAt: sql`now()`, hiddenReason: "Hors sujet" })
      .where(eq(posts.id, reply.id));
    await context.database.db
      .update(posts)
      .set({ deletedAt: sql`now()` })
      .where(eq(posts.id, deep.id));

    const inThread = eq(posts.threadId, context.seeded.threadId);
    const expected = (await selectPostRows(context.database.db).where(inThread)).sort(
      (a, b) => a.seq - b.seq,
    );
    const read = (await selectPostJson(context.database.db).where(inThread))
      .map(fromPostJson)
      .sort((a, b) => a.seq - b.seq);
    // Takeaways (no client id, depth 0, empty path) and comments of every depth and state.
    expect(read).toHaveLength(6);
    expect(read).toEqual(expected);
    expect(read.find((row) => row.id === top.id)?.editedAt).toBeInstanceOf(Date);
  });
});
