"use client";

import { useState } from "react";
import { countLabel } from "@/lib/format/plural";
import {
  emptyReactionSummary,
  stanceLabels,
  stanceValues,
  type ReactionSummary,
} from "@/lib/reactions/kinds";
import { Composer, GuestInvitation, TypingIndicator } from "./composer";
import { useDiscussion } from "./discussion-context";
import { DiscussionComments } from "./discussion-comments";
import { StanceButtons } from "./reaction-bar";

/** "D’accord 5 · Pas d’accord 2 · Nuance 1", with a bar whose parts carry the same numbers. */
export function StanceBalance({ summary }: { summary: ReactionSummary }) {
  const counts = stanceValues.map((stance) => ({ stance, count: summary.stance[stance]?.count ?? 0 }));
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  const shades = { agree: "bg-emerald-600", disagree: "bg-accent", nuance: "bg-amber-500" } as const;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      {counts.map(({ stance, count }) => (
        <span key={stance} className="whitespace-nowrap tabular-nums">
          {stanceLabels[stance]}&nbsp;{count}
        </span>
      ))}
      {total > 0 && (
        <span
          aria-hidden="true"
          className="flex h-1.5 w-16 overflow-hidden rounded-full bg-line dark:bg-night-line"
        >
          {counts.map(({ stance, count }) => (
            <span key={stance} className={shades[stance]} style={{ width: `${(count / total) * 100}%` }} />
          ))}
        </span>
      )}
    </span>
  );
}

/**
 * A takeaway's debate under its block: collapsed to its count and stance balance, opened
 * for the comments. A <details>, so it opens without JavaScript too.
 */
export function TakeawayDiscussion({
  takeawayId,
  number,
  defaultOpen = false,
}: {
  takeawayId: string;
  number: string;
  defaultOpen?: boolean;
}) {
  const { state, viewer } = useDiscussion();
  const list = state.discussions[takeawayId];
  const summary = state.takeawayReactions[takeawayId] ?? emptyReactionSummary();
  // Opened for a link to one of its comments; the reader decides afterwards.
  const [initiallyOpen] = useState(() => defaultOpen || state.focus?.discussion === takeawayId);
  const count = list?.count ?? 0;
  return (
    <details
      id={`discussion-point-${number.replaceAll(".", "-")}`}
      open={initiallyOpen || undefined}
      className="group/d mt-4 border-t border-line pt-3 dark:border-night-line"
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded-sm text-sm text-muted dark:text-night-muted [&::-webkit-details-marker]:hidden">
        <span className="font-medium text-ink dark:text-night-ink">
          <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open/d:rotate-90">
            ›
          </span>
          {countLabel(count, "commentaire", "commentaires")}
          <span className="sr-only"> sur le point {number}</span>
        </span>
        <StanceBalance summary={summary} />
      </summary>
      <div className="mt-3 space-y-3">
        {(viewer || Object.keys(summary.stance).length > 0) && (
          <StanceButtons postId={takeawayId} summary={summary} isTakeaway />
        )}
        <DiscussionComments
          discussion={takeawayId}
          takeawayId={takeawayId}
          pageSlug={number}
          label={`Commentaires sur le point ${number}`}
        />
        <TypingIndicator discussion={takeawayId} />
        {viewer ? (
          <Composer where={{ takeawayId, parentId: null }} label={`Commenter le point ${number}`} />
        ) : (
          <GuestInvitation />
        )}
      </div>
    </details>
  );
}
