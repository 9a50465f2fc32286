"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { TitleClash } from "@/lib/articles/import-articles";
import type { ParsedArticle, ParseWarning } from "@/lib/articles/parse-articles";
import { previewPastedArticles, publishPastedArticles } from "@/lib/articles/publish-pasted-articles";
import { getCurrentActor } from "@/lib/auth/session";
import { isAppError, toErrorBody } from "@/lib/errors";

export type ImportState =
  | { status: "idle" }
  | {
      status: "preview";
      text: string;
      articles: ParsedArticle[];
      warnings: ParseWarning[];
      /** Titles already taken: publishing them needs the moderator's confirmation. */
      clashes: TitleClash[];
    }
  | {
      status: "published";
      created: { title: string; slug: string }[];
      skipped: { title: string; slug: string }[];
    }
  | { status: "error"; text: string; message: string; line: number | null };

export async function importArticlesAction(
  _previous: ImportState,
  submitted: FormData,
): Promise<ImportState> {
  const form = formDataOf(submitted);
  const text = String(form.get("text") ?? "");
  const intent = form.get("intent");
  try {
    const actor = await getCurrentActor();
    if (intent === "publish" || intent === "publish-duplicate") {
      const allowDuplicateTitle = intent === "publish-duplicate";
      try {
        const report = await publishPastedArticles(getDb(), actor, { text, allowDuplicateTitle });
        revalidatePath("/");
        return { status: "published", created: report.created, skipped: report.skipped };
      } catch (error) {
        // A title taken since the preview: back to the preview, which now asks to confirm.
        if (!(isAppError(error) && error.code === "conflict:article_title")) throw error;
      }
    }
    const preview = await previewPastedArticles(getDb(), actor, { text });
    return { status: "preview", text, ...preview };
  } catch (error) {
    const line = isAppError(error) && typeof error.details?.line === "number" ? error.details.line : null;
    return { status: "error", text, message: toErrorBody(error).message, line };
  }
}
