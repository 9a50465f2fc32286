"use client";

import { useState } from "react";
import type { NoteProvider } from "@/lib/notes/note-provider";
import { renderNoteText } from "@/lib/notes/render-note";

/**
 * When the note turned read-only (a lock) before the member's last changes were stored, they
 * stay in the editor and here as plain text, to copy and keep: they are never silently lost.
 */
export function UnsavedText({ provider }: { provider: NoteProvider }) {
  const [copied, setCopied] = useState(false);
  const text = renderNoteText(provider.doc);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section
      aria-labelledby="note-unsaved-title"
      className="rounded-lg border border-accent px-3 py-2 text-sm dark:border-night-accent"
    >
      <h3 id="note-unsaved-title" className="font-semibold">
        Texte non enregistré
      </h3>
      <p className="mt-1">
        La synthèse est passée en lecture seule avant que vos dernières modifications soient enregistrées.
        Copiez votre texte pour le garder&#8239;: il sera envoyé si la synthèse est rouverte pendant que cette
        page reste ouverte.
      </p>
      <textarea
        readOnly
        value={text}
        aria-label="Votre version de la synthèse, non enregistrée"
        className="mt-2 h-32 w-full rounded-md border border-line p-2 font-mono text-xs dark:border-night-line dark:bg-night-raised"
      />
      <button
        type="button"
        onClick={copy}
        className="mt-1 rounded-md border border-line px-2 py-1 dark:border-night-line"
      >
        {copied ? "Texte copié" : "Copier le texte"}
      </button>
    </section>
  );
}
