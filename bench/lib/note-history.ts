import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { noteUpdates, notes } from "../../db/schema/notes";
import { noteField } from "../../lib/notes/note-field";
import { contentOf, randomEdit, seededRandom } from "../../lib/notes/random-edits";

/**
 * A note's history as Agora would have stored it: small edits (a word typed, a few letters
 * deleted, now and then a paragraph added or removed) by several writers who see each other's
 * edits a few steps late, so updates are concurrent as in a live session. Past `maxChars` of
 * text the writers trim instead of adding, as a synthesis gets rewritten rather than growing
 * without end: histories of different lengths then hold documents of similar size, and a load
 * time that grows with history length is not just a bigger document.
 */
export interface NoteHistory {
  /** In store order; each one applies on top of the ones before it. */
  updates: Uint8Array[];
  /** Every update merged: what a compaction writes as the snapshot. */
  state: Uint8Array;
  content: string;
}

export function typedHistory(count: number, { writers = 6, seed = 7, maxChars = 3000 } = {}): NoteHistory {
  const random = seededRandom(seed);
  const docs = Array.from({ length: writers }, () => new Y.Doc());
  const inboxes: Uint8Array[][] = docs.map(() => []);
  const updates: Uint8Array[] = [];
  const local = Symbol("local");
  docs.forEach((doc, writer) =>
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== local) return;
      updates.push(update);
      inboxes.forEach((inbox, other) => other !== writer && inbox.push(update));
    }),
  );
  const deliver = (writer: number) => {
    const doc = docs[writer]!;
    for (const update of inboxes[writer]!.splice(0)) Y.applyUpdate(doc, update, "remote");
  };
  while (updates.length < count) {
    const writer = Math.floor(random() * writers);
    // Another writer's edit reaches this one a few steps late, as over a network.
    if (random() < 0.4) deliver(writer);
    const doc = docs[writer]!;
    doc.transact(
      () => (textLength(doc) > maxChars ? trim(doc, random) : randomEdit(doc, random, `w${writer}`)),
      local,
    );
  }
  updates.length = count;
  const merged = new Y.Doc();
  merged.transact(() => updates.forEach((update) => Y.applyUpdate(merged, update)));
  const history = { updates, state: Y.encodeStateAsUpdate(merged), content: contentOf(merged) };
  for (const doc of [...docs, merged]) doc.destroy();
  return history;
}

function paragraphsOf(doc: Y.Doc): Y.XmlText[] {
  return doc
    .getXmlFragment(noteField)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.get(0) : null))
    .filter((text): text is Y.XmlText => text instanceof Y.XmlText);
}

function textLength(doc: Y.Doc): number {
  return paragraphsOf(doc).reduce((sum, text) => sum + text.length, 0);
}

/** Deletes a few words somewhere: the edit a writer makes to keep the synthesis short. */
function trim(doc: Y.Doc, random: () => number) {
  const texts = paragraphsOf(doc).filter((text) => text.length > 0);
  const text = texts[Math.floor(random() * texts.length)];
  if (!text) return;
  const start = Math.floor(random() * text.length);
  text.delete(start, Math.min(text.length - start, 5 + Math.floor(random() * 30)));
}

/**
 * Writes the history's rows straight into `note_updates` (in batches, as appendNoteUpdate
 * would have one by one) and sets the note's lastSeq: the log is then not compacted yet.
 */
export async function storeHistory(
  db: Database,
  noteId: string,
  history: NoteHistory,
  authorIds: string[],
): Promise<void> {
  const rows = history.updates.map((update, index) => ({
    noteId,
    seq: index + 1,
    update,
    authorId: authorIds[index % authorIds.length]!,
  }));
  for (let start = 0; start < rows.length; start += 1000)
    await db.insert(noteUpdates).values(rows.slice(start, start + 1000));
  await db.update(notes).set({ lastSeq: rows.length }).where(eq(notes.id, noteId));
}
