import { readFileSync } from "node:fs";
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { AppError } from "../errors";
import { getThreadBySlugOrThrow, type Takeaway } from "../threads/get-thread";
import { importArticleFile, importArticles } from "./import-articles";
import { parseArticles, type ParsedArticleFile } from "./parse-articles";

const demoBytes = readFileSync(new URL("../../db/seed/articles.fr.txt", import.meta.url));
const markerLine = /^[\s\u00a0]*(?:[–•*-]|\d+[.)])[\s\u00a0]+(.*\S)\s*$/;

/** The demo file's list items, read independently of the parser: one per marker line. */
function demoItemLines(): string[] {
  return demoBytes
    .toString("utf8")
    .split(/\r?\n/)
    .map((line) => markerLine.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
}

function flatten(takeaways: Takeaway[]): string[] {
  return takeaways.flatMap((takeaway) => [takeaway.body, ...flatten(takeaway.points)]);
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function counts() {
  const [threadCount] = await database.db.select({ n: count() }).from(threads);
  const [postCount] = await database.db.select({ n: count() }).from(posts);
  return { threads: threadCount?.n, posts: postCount?.n };
}

describe("importing the demo articles", () => {
  it("creates both threads with every takeaway and sub-point, in order, text intact", async () => {
    const report = await importArticleFile(database.db, demoBytes);
    expect(report.created.map((thread) => thread.slug)).toEqual([
      "les-vraies-ruptures-d-internet",
      "les-marques-deviennent-des-personnes-et-les-personnes-deviennent-des-marques",
    ]);

    const first = await getThreadBySlugOrThrow(database.db, "les-vraies-ruptures-d-internet");
    const second = await getThreadBySlugOrThrow(database.db, report.created[1]!.slug);
    expect(first.thread.title).toBe("Les vraies ruptures d’Internet");
    expect(first.takeaways).toHaveLength(10);
    expect(first.takeaways[8]?.body).toBe("3 thèmes :");
    expect(first.takeaways[8]?.points.map((point) => point.number)).toEqual(["9.1", "9.2", "9.3"]);
    expect(first.takeaways[8]?.points[0]?.points.map((point) => point.body)).toEqual([
      "La connaissance individuelle (\u00ab\u00a0je sais\u00a0\u00bb)",
      "La connaissance collective (\u00ab\u00a0tout le monde sait\u00a0\u00bb)",
      "La connaissance globale (\u00ab\u00a0tout le monde sait que les autres savent\u00a0\u00bb)",
    ]);
    expect(second.takeaways).toHaveLength(10);
    expect([...flatten(first.takeaways), ...flatten(second.takeaways)]).toEqual(demoItemLines());
    expect(first.thread.intro[0]).toMatch(/^Après la conférence de Pierre Bellanger/);
    expect(first.thread.sourceLabel).toBe("Via");
  });

  it("authors the takeaways with the system account, numbered in the thread's sequence", async () => {
    const [thread] = await database.db
      .select()
      .from(threads)
      .where(eq(threads.slug, "les-vraies-ruptures-d-internet"));
    const rows = await database.db
      .select({ authorId: posts.authorId, seq: posts.seq, ordinal: posts.ordinal })
      .from(posts)
      .where(eq(posts.threadId, thread!.id))
      .orderBy(asc(posts.seq));
    expect(new Set(rows.map((row) => row.authorId))).toEqual(new Set(["system"]));
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect(thread!.lastSeq).toBe(rows.length);
    const [system] = await database.db.select().from(users).where(eq(users.id, "system"));
    expect(system).toMatchObject({ role: "system", passwordHash: null });
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await counts();
    const report = await importArticleFile(database.db, demoBytes);
    expect(report.created).toEqual([]);
    expect(report.skipped).toHaveLength(2);
    expect(await counts()).toEqual(before);
  });
});

describe("importing other files", () => {
  it("asks before publishing a title that already exists as a second thread, then gives it a distinct slug", async () => {
    const before = await counts();
    const text = "Même titre\n\n- un\n\nVia\n\nMême titre\n\n- deux\n\nVia\n";
    await expect(importArticles(database.db, parseArticles(text))).rejects.toMatchObject({
      code: "conflict:article_title",
      details: { clashes: [{ title: "Même titre", slug: null }] },
    });
    expect(await counts()).toEqual(before);
    const report = await importArticles(database.db, parseArticles(text), { allowDuplicateTitle: true });
    expect(report.created.map((thread) => thread.slug)).toEqual(["meme-titre", "meme-titre-2"]);

    const third = parseArticles("Même titre\n\n- trois\n");
    await expect(importArticles(database.db, third)).rejects.toMatchObject({
      code: "conflict:article_title",
      message: expect.stringContaining("/t/meme-titre"),
      details: { clashes: [{ title: "Même titre", slug: "meme-titre" }] },
    });
    const again = await importArticles(database.db, third, { allowDuplicateTitle: true });
    expect(again.created.map((thread) => thread.slug)).toEqual(["meme-titre-3"]);
  });

  it("does not ask about an article already imported: it is skipped, as before", async () => {
    const text = "Déjà là\n\n- un\n\nVia\n";
    await importArticles(database.db, parseArticles(text));
    const again = await importArticles(database.db, parseArticles(text));
    expect(again).toMatchObject({ created: [], skipped: [{ slug: "deja-la" }] });
  });

  it("writes nothing when any article of the file fails (one transaction)", async () => {
    const before = await counts();
    const file: ParsedArticleFile = parseArticles(
      "Bon article\n\n- valable\n\nVia\n\nMauvais article\n\n- x\n",
    );
    // PostgreSQL refuses NUL in text: the second article fails after the first was inserted.
    file.articles[1]!.takeaways[0]!.text = "nul \u0000 octet";
    await expect(importArticles(database.db, file)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("refuses bytes that are not UTF-8, naming the line, before writing anything", async () => {
    const before = await counts();
    const bytes = Buffer.concat([
      Buffer.from("Titre\n\n- un point\n- "),
      Buffer.from([0xff, 0xfe]),
      Buffer.from("\n"),
    ]);
    const error = await importArticleFile(database.db, bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ line: 4 });
    expect(await counts()).toEqual(before);
  });

  it("imports a very long article in chunks", async () => {
    const items = Array.from({ length: 3000 }, (_, index) => `- Point numéro ${index + 1} ✨`).join("\n");
    const report = await importArticles(database.db, parseArticles(`Très long article\n\n${items}\n`));
    const thread = await getThreadBySlugOrThrow(database.db, report.created[0]!.slug);
    expect(thread.takeaways).toHaveLength(3000);
    expect(thread.takeaways.at(-1)?.body).toBe("Point numéro 3000 ✨");
  });
});
