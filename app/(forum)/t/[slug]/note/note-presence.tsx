"use client";

import type { NoteProvider } from "@/lib/notes/note-provider";
import { usePresentEditors } from "./use-note-provider";

/**
 * Who is writing now (not everyone with the note open, and never oneself): names with their
 * caret colour (the name carries the information, not the colour).
 */
export function NotePresence({ provider }: { provider: NoteProvider }) {
  const editors = usePresentEditors(provider);
  if (editors.length === 0)
    return <p className="text-sm text-muted dark:text-night-muted">Personne n’écrit en ce moment.</p>;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-muted dark:text-night-muted">En train d’écrire&#8239;:</span>
      <ul aria-label="Membres en train d’écrire" className="flex flex-wrap gap-1.5">
        {editors.map((editor) => (
          <li
            key={editor.id}
            className="flex items-center gap-1.5 rounded-full border border-line py-0.5 pr-2 pl-1 dark:border-night-line"
          >
            <span
              aria-hidden
              className="flex h-5 w-5 items-center justify-center rounded-full text-[0.7rem] font-semibold text-white"
              style={{ backgroundColor: editor.color }}
            >
              {editor.name.slice(0, 1).toUpperCase()}
            </span>
            {editor.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
