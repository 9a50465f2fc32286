"use client";

/** Opens and closes the note's history panel (#note-history), from the editor or a broken note. */
export function NoteHistoryToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls="note-history"
      onClick={onToggle}
      className="rounded-md border border-line px-2 py-1 text-sm hover:bg-accent-soft dark:border-night-line dark:hover:bg-night-line"
    >
      Historique
    </button>
  );
}
