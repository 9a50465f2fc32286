import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { notes } from "../../db/schema/notes";
import { assertCan, type MaybeActor } from "../auth/authorization";
import { AppError } from "../errors";

export const lockNoteSchema = z.object({
  noteId: z.uuid({ error: "noteId doit être l’identifiant d’une synthèse" }),
  locked: z.boolean(),
  reason: z.string().trim().max(500, "La raison tient en 500 caractères au plus.").optional(),
});
export type LockNoteInput = z.infer<typeof lockNoteSchema>;

export interface NoteLockState {
  noteId: string;
  locked: boolean;
  reason: string | null;
  lockedAt: string | null;
}

/** A moderator makes the note read-only for everyone (moderators included) or opens it again. */
export async function setNoteLock(
  db: Database,
  actor: MaybeActor,
  input: LockNoteInput,
): Promise<NoteLockState> {
  assertCan(actor, "note:lock");
  const lockedAt = input.locked ? new Date() : null;
  const [note] = await db
    .update(notes)
    .set({
      lockedAt,
      lockedById: input.locked ? actor!.id : null,
      lockReason: input.locked ? input.reason || null : null,
      updatedAt: new Date(),
    })
    .where(eq(notes.id, input.noteId))
    .returning({ id: notes.id, lockReason: notes.lockReason });
  if (!note) throw new AppError("not_found:note", "Cette synthèse n’existe pas ou plus.");
  return {
    noteId: note.id,
    locked: input.locked,
    reason: note.lockReason,
    lockedAt: lockedAt?.toISOString() ?? null,
  };
}
