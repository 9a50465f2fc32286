import { z } from "zod";
import { getDb } from "@/db/client";
import { loadThreadDiscussion } from "@/lib/posts/list-discussion";
import type { ThreadDiscussionSnapshot } from "@/lib/posts/types";
import type { ThreadWithTakeaways } from "@/lib/threads/get-thread";

const focusSchema = z.uuid();

/**
 * The thread page's discussions, for the reader of this request (guests until sign-in
 * lands: `viewerId` null). `?c=<id>` names a linked comment, rendered in place by the server
 * (the #c-<id> fragment never reaches it).
 */
export async function loadPageDiscussion(
  { thread, takeaways }: ThreadWithTakeaways,
  focus: string | string[] | undefined,
  viewerId: string | null = null,
): Promise<{ snapshot: ThreadDiscussionSnapshot; takeawayNumbers: Record<string, string> }> {
  const focusId = focusSchema.safeParse(focus).data ?? null;
  const snapshot = await loadThreadDiscussion(
    getDb(),
    viewerId,
    thread.id,
    takeaways.map((takeaway) => takeaway.id),
    focusId,
  );
  return {
    snapshot,
    takeawayNumbers: Object.fromEntries(takeaways.map((takeaway) => [takeaway.id, takeaway.number])),
  };
}
