"use client";

import type { PostView } from "@/lib/posts/types";
import { CommentBody, RelativeTime } from "./comment-body";
import { branchHref, CommentItem, permalink } from "./comment-item";
import { useDiscussion } from "./discussion-context";

/**
 * "Continuer cette conversation": the way down to a comment (compact), then the comment and
 * its replies five levels further, with "voir plus" by keyset.
 */
export function BranchView({ ancestors, moreHref }: { ancestors: PostView[]; moreHref: string | null }) {
  const { state, slug, actions } = useDiscussion();
  const rootId = state.branchRootId;
  const root = rootId ? state.posts[rootId] : undefined;
  if (!root) return null;
  return (
    <div className="space-y-6">
      {ancestors.length > 0 && (
        <section aria-labelledby="fil-jusqu-ici">
          <h2 id="fil-jusqu-ici" className="text-sm font-medium text-muted dark:text-night-muted">
            Le fil jusqu’ici
          </h2>
          <ol className="mt-2 space-y-2 border-l-2 border-line pl-3 dark:border-night-line">
            {ancestors.map((ancestor) => (
              <li key={ancestor.id} className="text-sm">
                <p className="text-muted dark:text-night-muted">
                  <span className="font-semibold text-ink dark:text-night-ink">
                    {ancestor.author?.name ?? "—"}
                  </span>{" "}
                  · <RelativeTime iso={ancestor.createdAt} /> ·{" "}
                  <a
                    href={ancestor.depth === 0 ? permalink(slug, ancestor.id) : branchHref(slug, ancestor.id)}
                    className="underline underline-offset-2"
                  >
                    voir ici
                  </a>
                </p>
                <CommentBody post={ancestor} />
              </li>
            ))}
          </ol>
        </section>
      )}
      <ol aria-label="La conversation">
        <CommentItem id={root.id} baseDepth={root.depth} />
      </ol>
      {state.branchNextCursor && moreHref && (
        <p>
          <a
            href={moreHref}
            onClick={(event) => {
              event.preventDefault();
              void actions.loadMore("branch");
            }}
            className="inline-block rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:border-accent/50 dark:border-night-line"
          >
            Voir plus de réponses
          </a>
        </p>
      )}
    </div>
  );
}
