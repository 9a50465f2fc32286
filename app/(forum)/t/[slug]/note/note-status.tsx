"use client";

import type { NoteProviderState } from "@/lib/notes/note-provider";

function describe(state: NoteProviderState): string {
  if (state.status === "offline") {
    return state.unsent
      ? "Hors ligne\u202f: vos modifications seront envoyées au retour de la connexion."
      : "Hors ligne\u202f: reconnexion en cours…";
  }
  if (state.status === "error") return "La synthèse n’a pas pu être ouverte.";
  if (state.status !== "synced") return "Synchronisation…";
  // Rights can be withdrawn (a lock) while changes are on their way: never call that up to date.
  if (!state.canEdit) {
    return state.unsent || state.pending > 0
      ? "Vos dernières modifications n’ont pas été enregistrées."
      : "À jour.";
  }
  if (state.pending > 0) return "Enregistrement…";
  return state.unsent
    ? "Des modifications n’ont pas encore été enregistrées."
    : "Toutes les modifications sont enregistrées.";
}

/** Where the note stands, announced politely; an error is shown with its French message. */
export function NoteStatus({ state }: { state: NoteProviderState }) {
  return (
    <div className="text-sm text-muted dark:text-night-muted">
      <p role="status" aria-live="polite">
        {describe(state)}
      </p>
      {state.error && (
        <p role="alert" className="mt-1 text-accent dark:text-night-accent">
          {state.error.message}
        </p>
      )}
    </div>
  );
}
