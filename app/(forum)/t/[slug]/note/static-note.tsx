export const proseClass = "note-prose reading text-base focus:outline-none";

/** The note as stored: rendered on the server, for guests, readers without JavaScript and while loading. */
export function StaticNote(props: { html: string; locked: boolean; lockReason: string | null }) {
  return (
    <div className="space-y-3">
      {props.locked && (
        <p className="rounded-lg bg-accent-soft px-3 py-2 text-sm text-ink">
          Synthèse verrouillée{props.lockReason ? `\u202f: ${props.lockReason}` : "."}
        </p>
      )}
      {props.html ? (
        // Built on the server from a whitelist of nodes, every text escaped (lib/notes/render-note.ts).
        <div className={proseClass} dangerouslySetInnerHTML={{ __html: props.html }} />
      ) : (
        <p className="text-muted italic dark:text-night-muted">La synthèse est encore vide.</p>
      )}
    </div>
  );
}
