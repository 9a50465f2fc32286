"use client";

import Link from "next/link";
import { useActionState } from "react";
import { primaryButton, secondaryButton } from "@/app/_components/form-field";
import type { ParsedPoint } from "@/lib/articles/parse-articles";
import { countLabel } from "@/lib/format/plural";
import { importArticlesAction, type ImportState } from "./actions";

function Points({ points }: { points: ParsedPoint[] }) {
  return (
    <ol className="list-decimal space-y-1 pl-6">
      {points.map((point) => (
        <li key={point.line}>
          {point.text}
          {point.points.length > 0 && <Points points={point.points} />}
        </li>
      ))}
    </ol>
  );
}

export function ImportForm() {
  const [state, action, pending] = useActionState(importArticlesAction, { status: "idle" } as ImportState);
  const text = state.status === "preview" || state.status === "error" ? state.text : "";

  return (
    <form action={action} className="mt-6 space-y-4" aria-busy={pending || undefined}>
      <label htmlFor="article-text" className="block text-sm font-medium">
        Texte de l’article
      </label>
      <textarea
        id="article-text"
        name="text"
        required
        rows={14}
        defaultValue={text}
        key={state.status === "published" ? "vide" : "texte"}
        aria-describedby={state.status === "error" ? "erreur-import" : undefined}
        className="block w-full rounded-lg border border-line bg-white p-3 font-mono text-sm dark:border-night-line dark:bg-night-raised"
      />
      {state.status === "error" && (
        <p
          id="erreur-import"
          role="alert"
          className="rounded-lg bg-accent-soft px-3 py-2 text-sm font-medium text-ink"
        >
          {state.message}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="preview" className={secondaryButton} disabled={pending}>
          Prévisualiser
        </button>
        {state.status === "preview" && state.articles.length > 0 && state.clashes.length === 0 && (
          <button type="submit" name="intent" value="publish" className={primaryButton} disabled={pending}>
            Publier {countLabel(state.articles.length, "discussion", "discussions")}
          </button>
        )}
        {state.status === "preview" && state.clashes.length > 0 && (
          <button
            type="submit"
            name="intent"
            value="publish-duplicate"
            className={primaryButton}
            disabled={pending}
          >
            Publier quand même {countLabel(state.articles.length, "discussion", "discussions")}
          </button>
        )}
      </div>

      {state.status === "preview" && (
        <section
          aria-label="Aperçu"
          className="space-y-6 rounded-xl border border-line bg-white p-5 dark:border-night-line dark:bg-night-raised"
        >
          {state.clashes.length > 0 && (
            <div role="alert" className="rounded-lg bg-accent-soft px-3 py-2 text-sm text-ink">
              <p className="font-medium">Une discussion porte déjà ce titre&#8239;:</p>
              <ul className="mt-1 list-disc pl-5">
                {state.clashes.map((clash) => (
                  <li key={`${clash.title}-${clash.slug}`}>
                    «&nbsp;{clash.title}&nbsp;»{" "}
                    {clash.slug ? (
                      <>
                        (déjà publié&#8239;:{" "}
                        <Link href={`/t/${clash.slug}`} className="underline">
                          /t/{clash.slug}
                        </Link>
                        )
                      </>
                    ) : (
                      "(deux fois dans ce texte)"
                    )}
                  </li>
                ))}
              </ul>
              <p className="mt-1">
                Publier quand même créera une seconde discussion du même titre, à une autre adresse.
              </p>
            </div>
          )}
          {state.warnings.map((warning) => (
            <p
              key={`${warning.line}-${warning.message}`}
              className="text-sm text-accent dark:text-night-accent"
            >
              Ligne {warning.line}&#8239;: {warning.message}
            </p>
          ))}
          {state.articles.map((article) => (
            <article key={article.line} className="space-y-3">
              <h3 className="font-serif text-xl font-semibold">{article.title}</h3>
              {article.intro.map((paragraph, index) => (
                <p key={index} className="whitespace-pre-line text-muted dark:text-night-muted">
                  {paragraph}
                </p>
              ))}
              <p className="text-sm font-medium">
                {countLabel(article.takeaways.length, "point clé", "points clés")}
              </p>
              <Points points={article.takeaways} />
              {article.source && (
                <p className="text-sm text-muted dark:text-night-muted">{article.source.label}</p>
              )}
            </article>
          ))}
        </section>
      )}

      {state.status === "published" && (
        <div
          role="status"
          className="rounded-xl border border-line bg-white p-5 dark:border-night-line dark:bg-night-raised"
        >
          {state.created.length > 0 && (
            <>
              <p className="font-medium">Publié&#8239;:</p>
              <ul className="mt-2 list-disc pl-6">
                {state.created.map((thread) => (
                  <li key={thread.slug}>
                    <Link href={`/t/${thread.slug}`} className="text-accent underline dark:text-night-accent">
                      {thread.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {state.skipped.map((thread) => (
            <p key={thread.slug} className="mt-2 text-sm text-muted dark:text-night-muted">
              Déjà publié&#8239;:{" "}
              <Link href={`/t/${thread.slug}`} className="underline">
                {thread.title}
              </Link>
            </p>
          ))}
        </div>
      )}
    </form>
  );
}
