"use client";

import { useState } from "react";
import type { NoteProviderState } from "@/lib/notes/note-provider";
import { getRealtimeSocket } from "@/lib/realtime/client";

/** For moderators: makes the synthesis read-only for everyone, or opens it again. */
export function NoteLockControl({ state }: { state: NoteProviderState }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async () => {
    if (!state.noteId) return;
    setBusy(true);
    setError(null);
    try {
      const ack = await getRealtimeSocket()
        .timeout(10_000)
        .emitWithAck("note:lock", { noteId: state.noteId, locked: !state.locked });
      if (!ack.ok) setError(ack.error.message);
    } catch {
      setError("Pas de réponse du serveur. Réessayez.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={toggle}
        disabled={busy}
        className="rounded-md border border-line px-2 py-1 text-sm hover:bg-accent-soft disabled:opacity-50 dark:border-night-line dark:hover:bg-night-line"
      >
        {state.locked ? "Déverrouiller" : "Verrouiller"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-accent dark:text-night-accent">
          {error}
        </span>
      )}
    </>
  );
}
