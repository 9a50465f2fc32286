import { z } from "zod";
import type { Database } from "../../db/client";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { frenchIssues } from "../french-issues";
import { importArticles, type ImportReport } from "./import-articles";
import { parseArticles, type ParsedArticleFile } from "./parse-articles";

export const pastedArticlesSchema = z.object({
  text: z
    .string({ error: "Collez le texte d’un article." })
    .min(1, "Collez le texte d’un article.")
    .max(2_000_000, "Ce texte est trop long (2 Mo au plus)."),
});

function parsePasted(actor: Actor | null, input: unknown): ParsedArticleFile {
  assertCan(actor, "article:import");
  const parsed = pastedArticlesSchema.safeParse(input, { error: frenchIssues });
  if (!parsed.success)
    throw new AppError("bad_request:article_file", parsed.error.issues[0]?.message ?? "Texte invalide.");
  return parseArticles(parsed.data.text);
}

/** What publishing the pasted text would create, without writing anything. */
export function previewPastedArticles(actor: Actor | null, input: unknown): ParsedArticleFile {
  return parsePasted(actor, input);
}

/** Publishes the pasted articles as threads (idempotent, one transaction), recorded in the audit log. */
export async function publishPastedArticles(
  db: Database,
  actor: Actor | null,
  input: unknown,
): Promise<ImportReport> {
  return importArticles(db, parsePasted(actor, input), { moderatorId: actor!.id });
}
