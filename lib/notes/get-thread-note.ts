import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { notes } from "../../db/schema/notes";

export interface ThreadNoteView {
  /** null until someone first opens the note for editing. */
  noteId: string | null;
  html: string;
  text: string;
  locked: boolean;
  lockReason: string | null;
  renderedAt: Date | null;
}

/** What the server-rendered page shows of a thread's note: its last rendered HTML, never the Yjs state. */
export async function getThreadNote(db: Database, threadId: string): Promise<ThreadNoteView> {
  const [note] = await db
    .select({
      id: notes.id,
      html: notes.renderedHtml,
      text: notes.renderedText,
      lockedAt: notes.lockedAt,
      lockReason: notes.lockReason,
      renderedAt: notes.renderedAt,
    })
    .from(notes)
    .where(eq(notes.threadId, threadId))
    .limit(1);
  if (!note) return { noteId: null, html: "", text: "", locked: false, lockReason: null, renderedAt: null };
  return {
    noteId: note.id,
    html: note.html,
    text: note.text,
    locked: note.lockedAt !== null,
    lockReason: note.lockReason,
    renderedAt: note.renderedAt,
  };
}
