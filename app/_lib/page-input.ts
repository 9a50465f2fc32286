import { notFound } from "next/navigation";
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";

/**
 * A page cannot answer 400: what it cannot serve from its URL (a stale or forged cursor, a slug
 * or id that names nothing, a filter out of range) is a page that does not exist, a 404 with
 * the French not-found page. Bytes no URL of ours holds never get this far: proxy.ts answers
 * them with a 400.
 */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && (error.kind === "not_found" || error.kind === "bad_request")) notFound();
    if (error instanceof ZodError) notFound();
    throw error;
  }
}

/** One value of a query parameter: `?a=1&a=2` is not a value any page of ours expects. */
export function queryValue(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A dynamic segment as typed: Next hands it over still percent-encoded. */
export function pathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}
