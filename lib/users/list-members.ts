import { and, desc, eq, lt, ne, or } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db/client";
import { users } from "../../db/schema/users";
import { AppError } from "../errors";

const cursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.string().min(1) });

function decodeCursor(raw: string) {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch (error) {
    throw new AppError("bad_request:cursor", "Ce lien de pagination n’est plus valide.", { cause: error });
  }
}

/** Members, newest first, by keyset; for the admin page. The system account is not a member. */
export async function listMembers(db: Database, options: { cursor?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  const at = cursor ? new Date(cursor.createdAt) : null;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
    })
    .from(users)
    .where(
      and(
        ne(users.role, "system"),
        cursor && at
          ? or(lt(users.createdAt, at), and(eq(users.createdAt, at), lt(users.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify({ createdAt: last.createdAt.toISOString(), id: last.id })).toString(
          "base64url",
        )
      : null;
  return { members: page, nextCursor };
}
