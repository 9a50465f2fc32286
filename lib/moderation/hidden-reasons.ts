import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { reports } from "../../db/schema/moderation";
import { posts } from "../../db/schema/posts";
import { can, type Actor } from "../auth/authorization";
import type { PostView } from "../posts/types";

/**
 * Why comments were hidden, for the readers a moderator writes the reason to: every reason for
 * moderators, those of the comments they reported for members. Authors already receive theirs
 * in their own views (lib/posts/post-views.ts); guests and everyone else read only « Masqué par
 * la modération ».
 */
export async function hiddenReasonsFor(
  db: Database,
  actor: Actor | null,
  postIds: string[],
): Promise<Map<string, string>> {
  if (!actor || postIds.length === 0) return new Map();
  const hidden = and(inArray(posts.id, postIds), isNotNull(posts.hiddenAt), isNotNull(posts.hiddenReason));
  const rows = can(actor, "post:moderate").allowed
    ? await db.select({ id: posts.id, reason: posts.hiddenReason }).from(posts).where(hidden)
    : await db
        .select({ id: posts.id, reason: posts.hiddenReason })
        .from(posts)
        .innerJoin(reports, and(eq(reports.postId, posts.id), eq(reports.reporterId, actor.id)))
        .where(hidden);
  return new Map(rows.map((row) => [row.id, row.reason!]));
}

/** The views with the reasons this reader may see filled in. */
export function withHiddenReasons(views: PostView[], reasons: Map<string, string>): PostView[] {
  if (reasons.size === 0) return views;
  return views.map((view) => {
    const reason = reasons.get(view.id);
    return reason && view.state === "hidden" ? { ...view, hiddenReason: reason } : view;
  });
}
