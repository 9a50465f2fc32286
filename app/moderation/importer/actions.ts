"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { ParsedArticle, ParseWarning } from "@/lib/articles/parse-articles";
import { previewPastedArticles, publishPastedArticles } from "@/lib/articles/publish-pasted-articles";
import { getCurrentActor } from "@/lib/auth/session";
import { isAppError, toErrorBody } from "@/lib/errors";

export type ImportState =
  | { status: "idle" }
  | { status: "preview"; text: string; articles: ParsedArticle[]; warnings: ParseWarning[] }
  | {
      status: "published";
      created: { title: string; slug: string }[];
      skipped: { title: string; slug: string }[];
    }
  | { status: "error"; text: string; message: string; line: number | null };

export async function importArticlesAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  const text = String(form.get("text") ?? "");
  try {
    const actor = await getCurrentActor();
    if (form.get("intent") === "publish") {
      const report = await publishPastedArticles(getDb(), actor, { text });
      revalidatePath("/");
      return { status: "published", created: report.created, skipped: report.skipped };
    }
    const preview = previewPastedArticles(actor, { text });
    return { status: "preview", text, articles: preview.articles, warnings: preview.warnings };
  } catch (error) {
    const line = isAppError(error) && typeof error.details?.line === "number" ? error.details.line : null;
    return { status: "error", text, message: toErrorBody(error).message, line };
  }
}
