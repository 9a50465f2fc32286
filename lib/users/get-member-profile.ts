import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import { AppError } from "../errors";

/** A member's public page: name, role, since when, and their latest visible comments. */
export async function getMemberProfileOrThrow(db: Database, userId: string, recentLimit = 20) {
  const [member] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      suspendedAt: users.suspendedAt,
      suspendedUntil: users.suspendedUntil,
      suspensionReason: users.suspensionReason,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!member || member.role === "system") throw new AppError("not_found:user", "Ce membre n’existe pas.");
  const recentPosts = await db
    .select({
      id: posts.id,
      body: posts.body,
      createdAt: posts.createdAt,
      threadSlug: threads.slug,
      threadTitle: threads.title,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(
        eq(posts.authorId, userId),
        eq(posts.kind, "comment"),
        isNull(posts.deletedAt),
        isNull(posts.hiddenAt),
      ),
    )
    .orderBy(desc(posts.createdAt))
    .limit(recentLimit);
  return { member, recentPosts };
}
