import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { importArticleFile, type ImportReport } from "../lib/articles/import-articles";
import { threads } from "./schema/threads";
import type { Database, DatabaseConnection } from "./client";

export const demoArticlesFile = resolve(process.cwd(), "db/seed/articles.fr.txt");

/** Seeds the demo articles into a database that has no thread yet; a no-op otherwise. */
export async function seedDemoArticles(db: Database): Promise<ImportReport | null> {
  const [anyThread] = await db.select({ id: threads.id }).from(threads).limit(1);
  if (anyThread) return null;
  return importArticleFile(db, await readFile(demoArticlesFile));
}

/** Applies pending migrations, then seeds an empty database when asked. */
export async function prepareDatabase(
  connection: DatabaseConnection,
  options: { seedDemo: boolean },
): Promise<ImportReport | null> {
  await connection.migrate();
  return options.seedDemo ? seedDemoArticles(connection.db) : null;
}
