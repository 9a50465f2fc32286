import { getDb } from "@/db/client";
import { getThreadNote } from "@/lib/notes/get-thread-note";
import { NoteEditor } from "./note-editor";

/**
 * The thread's synthesis ("Synthèse"). The stored HTML is rendered here, on the server, so
 * guests and readers without JavaScript read it; the editor takes over in the browser.
 */
export async function ThreadNote({ threadId }: { threadId: string }) {
  const note = await getThreadNote(getDb(), threadId);
  return (
    <section aria-labelledby="titre-synthese" className="space-y-3">
      <header>
        <h2
          id="titre-synthese"
          className="border-b border-line pb-2 font-serif text-2xl font-semibold dark:border-night-line"
        >
          Synthèse
        </h2>
        <p className="mt-2 text-sm text-muted dark:text-night-muted">
          Ce que nous en retenons, écrit ensemble&#8239;: nos accords, nos désaccords, les questions ouvertes.
        </p>
      </header>
      <NoteEditor
        threadId={threadId}
        initialHtml={note.html}
        locked={note.locked}
        lockReason={note.lockReason}
      />
    </section>
  );
}
