import * as Y from "yjs";
import { z } from "zod";
import type { Database } from "../../db/client";
import { assertCan, type MaybeActor } from "../auth/authorization";
import { AppError } from "../errors";
import type { NoteRegistry, StoredChange } from "./note-registry";
import { assertDocumentSize } from "./note-settings";
import { getNoteAccessOrThrow } from "./note-store";
import { getNoteVersionStateOrThrow, latestNoteVersion, nameNoteVersion } from "./note-versions";
import { noteField } from "./note-field";
import { docFromState } from "./render-note";

const noteId = z.uuid({ error: "noteId doit être l’identifiant d’une synthèse" });
const versionId = z.uuid({ error: "versionId doit être l’identifiant d’une version" });

export const saveNoteVersionSchema = z.object({
  noteId,
  name: z
    .string()
    .trim()
    .min(1, "Donnez un nom à la version.")
    .max(120, "Le nom d’une version tient en 120 caractères au plus."),
});
export type SaveNoteVersionInput = z.infer<typeof saveNoteVersionSchema>;

export const restoreNoteVersionSchema = z.object({ noteId, versionId });
export type RestoreNoteVersionInput = z.infer<typeof restoreNoteVersionSchema>;

async function assertCanEdit(db: Database, actor: MaybeActor, id: string) {
  const access = await getNoteAccessOrThrow(db, id);
  assertCan(actor, "note:edit", { noteLocked: access.noteLocked, threadLocked: access.threadLocked });
  return actor!;
}

/** A member names the note's current state, so it can be found (and restored) later. */
export async function saveNamedNoteVersion(
  db: Database,
  registry: NoteRegistry,
  actor: MaybeActor,
  input: SaveNoteVersionInput,
): Promise<{ versionId: string }> {
  const member = await assertCanEdit(db, actor, input.noteId);
  const version = await registry.withNote(input.noteId, (note) =>
    note.run(async () => {
      // A version identical to the previous one would copy the whole state for nothing: an
      // automatic one is named instead, a named or restored one is already in the history.
      const latest = await latestNoteVersion(db, note.noteId);
      if (latest && latest.seq === note.appliedSeq && !note.hasGap()) {
        if (latest.kind !== "auto") {
          throw new AppError(
            "conflict:note_version_unchanged",
            "La synthèse n’a pas changé depuis la dernière version enregistrée.",
          );
        }
        await nameNoteVersion(db, { id: latest.id, name: input.name, createdById: member.id });
        return latest;
      }
      return registry.takeVersion(note, { kind: "named", name: input.name, createdById: member.id });
    }),
  );
  return { versionId: version.id };
}

/**
 * Makes the note equal to a version's content with a new edit on top: the current state is
 * versioned first when it has unversioned edits, so the history keeps both.
 */
export async function restoreNoteVersion(
  db: Database,
  registry: NoteRegistry,
  actor: MaybeActor,
  input: RestoreNoteVersionInput,
): Promise<{ versionId: string; change: StoredChange | null }> {
  const member = await assertCanEdit(db, actor, input.noteId);
  const source = await getNoteVersionStateOrThrow(db, input.noteId, input.versionId);
  return registry.withNote(input.noteId, (note) =>
    note.run(async () => {
      if (note.dirtySinceVersion) await registry.takeVersion(note, { kind: "auto" });
      if (note.size + source.state.byteLength > registry.settings.maxDocumentBytes) {
        assertDocumentSize(note.exactSize() + source.state.byteLength, registry.settings);
      }
      const sourceDoc = docFromState(source.state);
      let change: StoredChange | null;
      try {
        change = await registry.storeEdit(
          note,
          (doc) => {
            const fragment = doc.getXmlFragment(noteField);
            const content = sourceDoc.getXmlFragment(noteField).toArray();
            fragment.delete(0, fragment.length);
            // Clones are fresh Yjs items: the restore is a new edit, the old items stay deleted.
            fragment.insert(
              0,
              content.flatMap((node) => (node instanceof Y.XmlHook ? [] : [node.clone()])),
            );
          },
          member.id,
        );
      } finally {
        sourceDoc.destroy();
      }
      const version = await registry.takeVersion(note, {
        kind: "restore",
        createdById: member.id,
        restoredFromId: source.id,
      });
      return { versionId: version.id, change };
    }),
  );
}
