import type { SQL } from "drizzle-orm";
import type { Database, Transaction } from "./client";

/**
 * The rows of a raw statement, whichever driver ran it: postgres.js answers an array of rows,
 * PGlite an object with `rows`. Columns keep their SQL names; prefer the query builder, and
 * keep raw statements for what it does too slowly (see lib/posts/comment-batch.ts).
 */
export async function executeRows<Row>(db: Database | Transaction, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
