import { z } from "zod";
import { reactionEmojis, stanceValues } from "../reactions/kinds";
import { maxCommentLength } from "./limits";

/**
 * One zod schema per message a client sends about comments and reactions, shared by the
 * composer (which checks before sending) and the server (which trusts nothing else).
 */
const uuid = (what: string) => z.uuid({ error: `${what} doit être un identifiant (UUID).` });

const frenchNumber = new Intl.NumberFormat("fr-FR");

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Line endings normalised, NUL characters (PostgreSQL refuses them) dropped, lone surrogates
 * (not text; JSON and the database refuse them) replaced, outer blanks trimmed.
 */
export function normalizeCommentBody(raw: string): string {
  return raw.replace(loneSurrogate, "\uFFFD").replace(/\r\n?/g, "\n").replaceAll("\u0000", "").trim();
}

/** Characters as readers count them (code points), not UTF-16 units. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export const emptyCommentMessage = "Votre commentaire est vide.";

export function tooLongMessage(length: number): string {
  return `Votre commentaire fait ${frenchNumber.format(length)}\u00a0caractères\u202f: la limite est de ${frenchNumber.format(maxCommentLength)}.`;
}

export const commentBodySchema = z
  .string({ error: "Le commentaire doit être un texte." })
  // Refuses absurd payloads before counting code points.
  .max(maxCommentLength * 4, { error: tooLongMessage(maxCommentLength * 4) })
  .transform((raw, context) => {
    const body = normalizeCommentBody(raw);
    if (!body) {
      context.addIssue({ code: "custom", message: emptyCommentMessage });
      return z.NEVER;
    }
    const length = countCharacters(body);
    if (length > maxCommentLength) {
      context.addIssue({ code: "custom", message: tooLongMessage(length) });
      return z.NEVER;
    }
    return body;
  });

/** Chosen by the author's browser; the same id on a retry finds the comment already created. */
export const clientIdSchema = z
  .string({ error: "clientId doit être un texte." })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "clientId doit compter 8 à 64 lettres, chiffres, - ou _." });

export const createCommentSchema = z.object({
  threadId: uuid("threadId"),
  clientId: clientIdSchema,
  /** The takeaway discussed; null or absent for the thread as a whole. Ignored for a reply. */
  takeawayId: uuid("takeawayId").nullish(),
  parentId: uuid("parentId").nullish(),
  body: commentBodySchema,
  /**
   * The member a queued comment was written by (the offline outbox records it): a comment
   * written by someone else on this browser is refused, never published under this name.
   */
  authorId: z.string().min(1).max(100).optional(),
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

export const editCommentSchema = z.object({ postId: uuid("postId"), body: commentBodySchema });
export type EditCommentInput = z.infer<typeof editCommentSchema>;

export const deleteCommentSchema = z.object({ postId: uuid("postId") });
export type DeleteCommentInput = z.infer<typeof deleteCommentSchema>;

export const toggleReactionSchema = z.object({
  postId: uuid("postId"),
  emoji: z.enum(reactionEmojis, { error: `emoji doit être l’un de ${reactionEmojis.join(" ")}.` }),
});
export type ToggleReactionInput = z.infer<typeof toggleReactionSchema>;

export const setStanceSchema = z.object({
  postId: uuid("postId"),
  /** null removes the member's stance. */
  stance: z.enum(stanceValues, { error: "stance doit valoir agree, disagree, nuance ou null." }).nullable(),
});
export type SetStanceInput = z.infer<typeof setStanceSchema>;

export const catchUpSchema = z.object({
  threadId: uuid("threadId"),
  afterSeq: z
    .number({ error: "afterSeq doit être un nombre." })
    .int({ error: "afterSeq doit être un entier." })
    .min(0, { error: "afterSeq doit être positif." }),
  limit: z.number().int().min(1).max(500).default(200),
});
export type CatchUpInput = z.input<typeof catchUpSchema>;

export const typingSchema = z.object({
  threadId: uuid("threadId"),
  takeawayId: uuid("takeawayId").nullable(),
});
export type TypingInput = z.infer<typeof typingSchema>;

export const discussionPageSchema = z.object({
  threadId: uuid("threadId"),
  takeawayId: uuid("takeawayId").nullable(),
  after: z.string().max(200).nullish(),
});
export type DiscussionPageInput = z.infer<typeof discussionPageSchema>;

export const branchPageSchema = z.object({
  postId: uuid("postId"),
  after: z.string().max(200).nullish(),
});
export type BranchPageInput = z.infer<typeof branchPageSchema>;
