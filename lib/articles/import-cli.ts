import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, getDatabase } from "../../db/client";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { findTitleClashes, importArticles, titleClashError, type ImportReport } from "./import-articles";
import { decodeArticleFile, parseArticles, type ParsedArticleFile } from "./parse-articles";

const usage = `Usage: npm run import -- [--allow-duplicate-title] <file.txt> [more files…]

Imports article files (the format of db/seed/articles.fr.txt) into the database of
DATABASE_URL, or into the embedded PostgreSQL when it is unset. Every file is imported in one
transaction; an article already imported is skipped, so running it twice changes nothing.

An article whose title another thread already has is refused unless --allow-duplicate-title
is given; it is then published as a second thread, at <slug>-2.`;

const argsSchema = z.object({
  help: z.boolean().optional(),
  "allow-duplicate-title": z.boolean().optional(),
  files: z.array(z.string().min(1)).min(1, "name at least one article file"),
});

function printReport(file: string, report: ImportReport) {
  console.log(`${file}:`);
  for (const thread of report.created) {
    const subPoints = thread.subPoints
      ? `, ${thread.subPoints} sub-point${thread.subPoints > 1 ? "s" : ""}`
      : "";
    const takeaways = `${thread.takeaways} takeaway${thread.takeaways === 1 ? "" : "s"}`;
    console.log(`  created  "${thread.title}" → /t/${thread.slug} (${takeaways}${subPoints})`);
  }
  for (const thread of report.skipped) {
    console.log(`  skipped  "${thread.title}" (already imported as /t/${thread.slug})`);
  }
  for (const warning of report.warnings) console.log(`  warning  line ${warning.line}: ${warning.message}`);
}

async function main(argv: string[]): Promise<number> {
  let args: z.infer<typeof argsSchema>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" }, "allow-duplicate-title": { type: "boolean" } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    args = argsSchema.parse({ ...values, files: positionals });
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((issue) => issue.message).join("; ")
        : String((error as Error).message);
    console.error(`${message}\n\n${usage}`);
    return 2;
  }

  // Parse every file before opening the database: a bad file writes nothing at all.
  const parsed: { file: string; articles: ParsedArticleFile }[] = [];
  for (const file of args.files) {
    try {
      parsed.push({ file, articles: parseArticles(decodeArticleFile(await readFile(file))) });
    } catch (error) {
      const line =
        isAppError(error) && typeof error.details?.line === "number" ? `:${error.details.line}` : "";
      console.error(`${basename(file)}${line}: ${(error as Error).message}`);
      return 1;
    }
  }

  getEnv();
  const connection = getDatabase();
  await connection.migrate();
  const allowDuplicateTitle = args["allow-duplicate-title"] ?? false;
  if (!allowDuplicateTitle) {
    // Asked before any file is written, across all of them.
    const clashes = await findTitleClashes(
      connection.db,
      parsed.flatMap(({ articles }) => articles.articles),
    );
    if (clashes.length > 0) {
      console.error(
        `${titleClashError(clashes).message}\n\nNothing was imported. Re-run with --allow-duplicate-title to publish it anyway.`,
      );
      return 1;
    }
  }
  for (const { file, articles } of parsed)
    printReport(file, await importArticles(connection.db, articles, { allowDuplicateTitle }));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(isAppError(error) ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase().catch(() => {});
}
