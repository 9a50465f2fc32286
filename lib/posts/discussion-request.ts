import { z } from "zod";
import { AppError } from "../errors";
import { frenchIssues } from "../french-issues";
import { generalDiscussion } from "./types";

/**
 * Query strings of the discussion's JSON pages (and of their no-JavaScript twins): which
 * discussion ("general" or a takeaway's id) and where to resume ("apres").
 */
export const discussionQuerySchema = z.object({
  discussion: z.union([z.literal(generalDiscussion), z.uuid()], {
    error: "discussion doit valoir « general » ou l’identifiant d’un point clé.",
  }),
  apres: z.string().max(200).optional(),
});

export const branchQuerySchema = z.object({ apres: z.string().max(200).optional() });

export const uuidParamSchema = z.uuid({ error: "Identifiant invalide." });

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value, { error: frenchIssues });
  if (parsed.success) return parsed.data;
  throw new AppError("bad_request:query", parsed.error.issues.map((issue) => issue.message).join(" "));
}

export function takeawayIdOf(discussion: string): string | null {
  return discussion === generalDiscussion ? null : discussion;
}
