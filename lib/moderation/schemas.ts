import { z } from "zod";
import { toStorableText } from "../storable-text";

// One schema per moderation message, shared by server actions, socket events and forms.

/** Every string a moderation message carries ends up in a query: only text PostgreSQL takes. */
const text = (error?: string) => z.string(error ? { error } : undefined).overwrite(toStorableText);

const reason = text("Indiquez une raison.")
  .trim()
  .min(3, "Indiquez une raison (au moins 3 caractères).")
  .max(500, "La raison doit faire au plus 500 caractères.");
const optionalReason = text().trim().max(500, "La raison doit faire au plus 500 caractères.").optional();
const threadId = z.uuid({ error: "Discussion inconnue." });
const postId = z.uuid({ error: "Commentaire inconnu." });

export const threadTargetSchema = z.object({ threadId });
export const lockThreadSchema = z.object({ threadId, reason });
export const editThreadSchema = z.object({
  threadId,
  title: text()
    .trim()
    .min(3, "Le titre doit faire au moins 3 caractères.")
    .max(300, "Le titre doit faire au plus 300 caractères."),
  intro: text()
    .max(20_000, "L’introduction doit faire au plus 20 000 caractères.")
    .transform((text) =>
      text
        .replace(/\r\n?/g, "\n")
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean),
    ),
});
export const setThreadTagsSchema = z.object({
  threadId,
  tags: z
    .array(
      text()
        .trim()
        .min(2, "Un sujet fait au moins 2 caractères.")
        .max(40, "Un sujet fait au plus 40 caractères."),
    )
    .max(8, "Au plus 8 sujets par discussion."),
});

export const hidePostSchema = z.object({ postId, reason });
export const postTargetSchema = z.object({ postId, reason: optionalReason });
export const movePostSchema = z.object({
  postId,
  takeawayId: z.uuid({ error: "Point clé inconnu." }).nullable(),
});

export const reportReasonLabels = {
  spam: "Spam",
  abuse: "Propos abusifs",
  off_topic: "Hors sujet",
  other: "Autre",
} as const;

export const reportPostSchema = z
  .object({
    postId,
    reason: z.enum(["spam", "abuse", "off_topic", "other"], { error: "Choisissez une raison." }),
    text: text().trim().max(1000, "Le détail doit faire au plus 1 000 caractères.").optional(),
  })
  .refine((report) => report.reason !== "other" || (report.text?.length ?? 0) >= 3, {
    path: ["text"],
    message: "Précisez la raison.",
  });

export const resolveReportsSchema = z.object({
  postId,
  outcome: z.enum(["hide", "keep", "suspend"], { error: "Choisissez une décision." }),
  reason,
  /** For `suspend`: days, or null for indefinitely. */
  suspendDays: z.coerce.number().int().min(1).max(3650).nullable().optional(),
});

export const suspendUserSchema = z.object({
  userId: text().min(1, "Membre inconnu."),
  reason,
  /** null: until lifted. */
  days: z.coerce.number().int().min(1, "Au moins un jour.").max(3650, "Au plus 10 ans.").nullable(),
});
export const liftSuspensionSchema = z.object({
  userId: text().min(1, "Membre inconnu."),
  reason: optionalReason,
});
