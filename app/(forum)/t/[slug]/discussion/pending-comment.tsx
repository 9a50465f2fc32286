"use client";

import { renderMarkdown } from "@/lib/posts/markdown";
import type { OutboxItem } from "@/lib/realtime/outbox";
import { markdownClasses } from "./comment-body";
import { useDiscussion } from "./discussion-context";

/** The author's own comment before the server confirms it, rendered with the server's Markdown rules. */
export function PendingComment({ item }: { item: OutboxItem }) {
  const { viewer, status, actions } = useDiscussion();
  const state = item.error
    ? `Non publié\u202f: ${item.error.message}`
    : status === "offline"
      ? "En attente de connexion\u202f: il partira dès le retour du réseau."
      : "Envoi…";
  return (
    <li
      aria-busy={!item.error}
      className="rounded-lg border border-dashed border-line px-3 py-2 opacity-80 dark:border-night-line"
    >
      <p className="text-sm text-muted dark:text-night-muted">
        <span className="font-semibold text-ink dark:text-night-ink">{viewer?.name}</span> ·{" "}
        <span role="status">{state}</span>
      </p>
      <div
        className={`mt-1 ${markdownClasses}`}
        dangerouslySetInnerHTML={{ __html: renderMarkdown(item.body) }}
      />
      {item.error && (
        <button
          type="button"
          className="mt-1 text-sm text-accent underline dark:text-night-accent"
          onClick={() => actions.discardPending(item.clientId)}
        >
          Retirer ce brouillon
        </button>
      )}
    </li>
  );
}
