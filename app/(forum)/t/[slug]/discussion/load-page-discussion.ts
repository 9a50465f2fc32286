import { z } from "zod";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/authorization";
import { hiddenReasonsFor, withHiddenReasons } from "@/lib/moderation/hidden-reasons";
import { loadThreadDiscussion } from "@/lib/posts/list-discussion";
import type { PostView, ThreadDiscussionSnapshot } from "@/lib/posts/types";
import type { ThreadWithTakeaways } from "@/lib/threads/get-thread";

const focusSchema = z.uuid();

/**
 * The thread page's discussions, for the reader of this request (`viewer` null for guests),
 * with the reasons for hiding this reader may see. `?c=<id>` names a linked comment, rendered in place by the server
 * (the #c-<id> fragment never reaches it).
 */
export async function loadPageDiscussion(
  { thread, takeaways }: ThreadWithTakeaways,
  focus: string | string[] | undefined,
  viewer: Actor | null = null,
): Promise<{ snapshot: ThreadDiscussionSnapshot; takeawayNumbers: Record<string, string> }> {
  const focusId = focusSchema.safeParse(focus).data ?? null;
  const snapshot = await loadThreadDiscussion(
    getDb(),
    viewer?.id ?? null,
    thread.id,
    takeaways.map((takeaway) => takeaway.id),
    focusId,
  );
  return {
    snapshot: await withReasons(snapshot, viewer),
    takeawayNumbers: Object.fromEntries(takeaways.map((takeaway) => [takeaway.id, takeaway.number])),
  };
}

async function withReasons(
  snapshot: ThreadDiscussionSnapshot,
  viewer: Actor | null,
): Promise<ThreadDiscussionSnapshot> {
  const { focus } = snapshot;
  const all: PostView[] = [
    ...Object.values(snapshot.discussions).flatMap((slice) => slice.comments),
    ...(focus ? [...focus.comments, ...(focus.parent ? [focus.parent] : [])] : []),
  ];
  const hidden = all.filter((view) => view.state === "hidden" && view.hiddenReason === null);
  const reasons = await hiddenReasonsFor(
    getDb(),
    viewer,
    hidden.map((view) => view.id),
  );
  if (reasons.size === 0) return snapshot;
  const reveal = (views: PostView[]) => withHiddenReasons(views, reasons);
  return {
    ...snapshot,
    discussions: Object.fromEntries(
      Object.entries(snapshot.discussions).map(([key, slice]) => [
        key,
        { ...slice, comments: reveal(slice.comments) },
      ]),
    ),
    focus: focus && {
      ...focus,
      comments: reveal(focus.comments),
      parent: focus.parent && (reveal([focus.parent])[0] ?? null),
    },
  };
}
