import { z } from "zod";
import type { Database } from "../../db/client";
import { assertCan, type Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { frenchIssues } from "../french-issues";
import { findTitleClashes, importArticles, type ImportReport, type TitleClash } from "./import-articles";
import { parseArticles, type ParsedArticleFile } from "./parse-articles";

export const pastedArticlesSchema = z.object({
  text: z
    .string({ error: "Collez le texte d’un article." })
    .min(1, "Collez le texte d’un article.")
    .max(2_000_000, "Ce texte est trop long (2\u00a0Mo au plus)."),
  /** Confirmed by the moderator after the preview named the titles already taken. */
  allowDuplicateTitle: z.boolean().default(false),
});

function parsePasted(actor: Actor | null, input: unknown) {
  assertCan(actor, "article:import");
  const parsed = pastedArticlesSchema.safeParse(input, { error: frenchIssues });
  if (!parsed.success)
    throw new AppError("bad_request:article_file", parsed.error.issues[0]?.message ?? "Texte invalide.");
  return { file: parseArticles(parsed.data.text), allowDuplicateTitle: parsed.data.allowDuplicateTitle };
}

/**
 * What publishing the pasted text would create, without writing anything, and which of its
 * titles are already taken (to confirm before they become second threads).
 */
export async function previewPastedArticles(
  db: Database,
  actor: Actor | null,
  input: unknown,
): Promise<ParsedArticleFile & { clashes: TitleClash[] }> {
  const { file } = parsePasted(actor, input);
  return { ...file, clashes: await findTitleClashes(db, file.articles) };
}

/** Publishes the pasted articles as threads (idempotent, one transaction), recorded in the audit log. */
export async function publishPastedArticles(
  db: Database,
  actor: Actor | null,
  input: unknown,
): Promise<ImportReport> {
  const { file, allowDuplicateTitle } = parsePasted(actor, input);
  return importArticles(db, file, { moderatorId: actor!.id, allowDuplicateTitle });
}
