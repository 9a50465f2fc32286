import type { z } from "zod";
import { AppError } from "../errors";
import { frenchIssues } from "../french-issues";

/** Validates a moderation request, turning zod's issues into one French AppError with field errors. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input, { error: frenchIssues });
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues)
    (fields[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  throw new AppError("bad_request:moderation", parsed.error.issues[0]?.message ?? "Demande invalide.", {
    details: { fields },
  });
}
