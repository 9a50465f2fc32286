"use client";

import { useState } from "react";
import type { DiscussionKey } from "@/lib/posts/types";
import { CommentBody } from "./comment-body";
import { branchHref, CommentItem } from "./comment-item";
import { useDiscussion } from "./discussion-context";
import { visiblePending } from "./discussion-store";
import { PendingComment } from "./pending-comment";

/** The no-JavaScript address of a discussion's next page; the button fetches the same page as JSON. */
export function morePagesHref(slug: string, discussion: string, cursor: string) {
  return `/t/${slug}/commentaires/${discussion}?apres=${encodeURIComponent(cursor)}`;
}

/**
 * A discussion's top-level comments with their trees. Comments that arrive live join the
 * end of the list (after "voir plus" while older pages are still unloaded), so nothing above
 * the reader moves.
 */
export function DiscussionComments({
  discussion,
  takeawayId,
  pageSlug,
  label,
}: {
  discussion: DiscussionKey;
  takeawayId: string | null;
  /** The key of this discussion in the "voir plus" address ("general" or a takeaway's number). */
  pageSlug: string;
  label: string;
}) {
  const { state, slug, actions } = useDiscussion();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = state.discussions[discussion];
  if (!list) return null;
  const seqOf = (id: string) => state.posts[id]?.seq ?? 0;
  // Moderators' picks come first, the rest keep their order (Array.prototype.sort is stable).
  const featuredFirst = (a: string, b: string) =>
    Number(state.posts[b]?.featured ?? false) - Number(state.posts[a]?.featured ?? false);
  const paged = list.rootIds.filter((id) => seqOf(id) <= list.pagedUpTo).sort(featuredFirst);
  const arrived = list.rootIds.filter((id) => seqOf(id) > list.pagedUpTo);
  const pending = visiblePending(state, { takeawayId, parentId: null });
  const focus =
    state.focus &&
    state.focus.discussion === discussion &&
    !state.focus.inline &&
    !list.rootIds.includes(state.focus.postId)
      ? state.focus
      : null;
  const focusPost = focus ? state.posts[focus.postId] : undefined;

  const loadMore = async () => {
    setLoading(true);
    const failure = await actions.loadMore(discussion);
    setLoading(false);
    setError(failure?.message ?? null);
  };

  return (
    <div className="mt-3">
      {focus && focusPost && (
        <section
          aria-label="Commentaire lié"
          className="mb-4 rounded-lg border border-accent/40 p-2 dark:border-night-accent/40"
        >
          {focus.parent && (
            <div className="mb-2 border-l-2 border-line pl-3 text-sm text-muted dark:border-night-line dark:text-night-muted">
              <p>
                En réponse à {focus.parent.author?.name ?? "un commentaire supprimé"} —{" "}
                <a href={branchHref(slug, focus.parent.id)} className="underline underline-offset-2">
                  voir la conversation
                </a>
              </p>
              <CommentBody post={focus.parent} />
            </div>
          )}
          <ol>
            <CommentItem id={focusPost.id} baseDepth={focusPost.depth} />
          </ol>
        </section>
      )}
      {paged.length > 0 && (
        <ol aria-label={label} className="space-y-2">
          {paged.map((id) => (
            <CommentItem key={id} id={id} baseDepth={0} />
          ))}
        </ol>
      )}
      {list.nextCursor && (
        <p className="mt-3">
          <a
            href={morePagesHref(slug, pageSlug, list.nextCursor)}
            onClick={(event) => {
              event.preventDefault();
              if (!loading) void loadMore();
            }}
            aria-disabled={loading}
            className="inline-block rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:border-accent/50 dark:border-night-line"
          >
            {loading ? "Chargement…" : "Voir plus de commentaires"}
          </a>
          {error && (
            <span role="alert" className="ml-3 text-sm text-accent dark:text-night-accent">
              {error}
            </span>
          )}
        </p>
      )}
      {(arrived.length > 0 || pending.length > 0) && (
        <ol aria-label={`${label} (nouveaux)`} className="mt-2 space-y-2">
          {arrived.map((id) => (
            <CommentItem key={id} id={id} baseDepth={0} />
          ))}
          {pending.map((item) => (
            <PendingComment key={item.clientId} item={item} />
          ))}
        </ol>
      )}
      {list.rootIds.length === 0 && pending.length === 0 && !focus && (
        <p className="text-sm text-muted dark:text-night-muted">Pas encore de commentaire.</p>
      )}
    </div>
  );
}
