"use client";

import { useState } from "react";
import type { PostView } from "@/lib/posts/types";
import {
  emojiLabels,
  noReactions,
  reactionEmojis,
  stanceLabels,
  stanceValues,
  type ReactionSummary,
  type Stance,
} from "@/lib/reactions/kinds";
import { useDiscussion } from "./discussion-context";
import { ReactionTallyControl } from "./reaction-tally";

function useReactionAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<{ message: string } | null>) => {
    setBusy(true);
    setError(null);
    const failure = await action();
    setBusy(false);
    setError(failure?.message ?? null);
  };
  return { busy, error, run };
}

/** Emoji reactions on a comment: the ones given, or every emoji when a member opens the palette. */
export function EmojiReactions({ post, showAll = false }: { post: PostView; showAll?: boolean }) {
  const { viewer, state, actions, locked, live } = useDiscussion();
  const { busy, error, run } = useReactionAction();
  const mine = state.mine[post.id] ?? noReactions();
  const canReact = Boolean(viewer) && live && !locked;
  const shown = reactionEmojis.filter(
    (emoji) => (canReact && showAll) || (post.reactions.emoji[emoji]?.count ?? 0) > 0,
  );
  if (shown.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Réactions">
      {shown.map((emoji) => (
        <ReactionTallyControl
          key={emoji}
          label={emojiLabels[emoji]}
          symbol={emoji}
          tally={post.reactions.emoji[emoji]}
          pressed={mine.emoji.includes(emoji)}
          disabled={busy}
          onToggle={canReact ? () => void run(() => actions.toggleReaction(post.id, emoji)) : null}
        />
      ))}
      {error && (
        <p role="alert" className="text-sm text-accent dark:text-night-accent">
          {error}
        </p>
      )}
    </div>
  );
}

/** D’accord / pas d’accord / nuance, one per member, on a takeaway or a comment. */
export function StanceButtons({
  postId,
  summary,
  isTakeaway,
  showAll = true,
}: {
  postId: string;
  summary: ReactionSummary;
  isTakeaway: boolean;
  /** false: only the stances someone took (a comment's palette is closed). */
  showAll?: boolean;
}) {
  const { viewer, state, actions, locked, live } = useDiscussion();
  const { busy, error, run } = useReactionAction();
  const mine = state.mine[postId]?.stance ?? null;
  const canReact = Boolean(viewer) && live && !locked;
  const choose = (stance: Stance) => actions.setStance(postId, mine === stance ? null : stance, isTakeaway);
  const shown = stanceValues.filter(
    (stance) => (canReact && showAll) || (summary.stance[stance]?.count ?? 0) > 0,
  );
  if (shown.length === 0) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-1.5"
      role="group"
      aria-label={isTakeaway ? "Votre position sur ce point" : "Position sur ce commentaire"}
    >
      {shown.map((stance) => (
        <ReactionTallyControl
          key={stance}
          label={stanceLabels[stance]}
          tally={summary.stance[stance]}
          pressed={mine === stance}
          disabled={busy}
          onToggle={canReact ? () => void run(() => choose(stance)) : null}
        />
      ))}
      {error && (
        <p role="alert" className="text-sm text-accent dark:text-night-accent">
          {error}
        </p>
      )}
    </div>
  );
}
