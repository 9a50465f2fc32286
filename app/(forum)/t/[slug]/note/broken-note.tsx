"use client";

import { useState, type ReactNode } from "react";
import type { NoteProviderState } from "@/lib/notes/note-provider";
import { NoteHistory } from "./note-history";
import { NoteHistoryToggle } from "./note-history-toggle";

/**
 * Shown instead of the editor when it cannot display the note: the stored text stays readable
 * and the history, which needs only the server, lets a member restore a sound version.
 */
export function BrokenNote({
  state,
  fallback,
  onRetry,
}: {
  state: NoteProviderState;
  fallback: ReactNode;
  onRetry?: () => void;
}) {
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      {fallback}
      <div role="alert" className="rounded-lg bg-accent-soft px-3 py-2 text-sm text-ink">
        L’éditeur ne peut pas afficher cette synthèse (son contenu est endommagé).
        {state.canEdit
          ? " Restaurez une version précédente depuis l’historique."
          : " Un membre peut restaurer une version précédente depuis l’historique."}
      </div>
      <div className="flex gap-2">
        {state.noteId && (
          <NoteHistoryToggle open={historyOpen} onToggle={() => setHistoryOpen((open) => !open)} />
        )}
        {onRetry && (
          <button type="button" onClick={onRetry} className="rounded-md px-2 py-1 text-sm underline">
            Réessayer
          </button>
        )}
      </div>
      {historyOpen && state.noteId && <NoteHistory state={state} onClose={() => setHistoryOpen(false)} />}
    </div>
  );
}
