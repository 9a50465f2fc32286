"use client";

import { useActionState, useState } from "react";
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
import { reactAction } from "./actions";
import { useDiscussion } from "./discussion-context";
import { ReactionTallyControl } from "./reaction-tally";

/**
 * Live, a toggle sends over the socket; in the server render (and so without JavaScript) it is
 * a form posting to `reactAction`, whose refusal the re-rendered page shows.
 */
function useReactionAction() {
  const { viewer, locked, live } = useDiscussion();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [posted, postAction] = useActionState(reactAction, { status: "idle" });
  const run = async (action: () => Promise<{ message: string } | null>) => {
    setBusy(true);
    setFailure(null);
    const refused = await action();
    setBusy(false);
    setFailure(refused?.message ?? null);
  };
  const canReact = Boolean(viewer) && !locked;
  const post = (fields: Record<string, string>) =>
    canReact && !live ? { action: postAction, fields } : undefined;
  const error = failure ?? (posted.status === "error" ? posted.message : null);
  return { busy, error, run, canReact, live, post };
}

/** Emoji reactions on a comment: the ones given, or every emoji when a member opens the palette. */
export function EmojiReactions({ post, showAll = false }: { post: PostView; showAll?: boolean }) {
  const { state, actions } = useDiscussion();
  const { busy, error, run, canReact, live, post: postForm } = useReactionAction();
  const mine = state.mine[post.id] ?? noReactions();
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
          onToggle={canReact && live ? () => void run(() => actions.toggleReaction(post.id, emoji)) : null}
          post={postForm({ postId: post.id, emoji })}
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
  const { state, actions } = useDiscussion();
  const { busy, error, run, canReact, live, post } = useReactionAction();
  const mine = state.mine[postId]?.stance ?? null;
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
          onToggle={canReact && live ? () => void run(() => choose(stance)) : null}
          post={post({ postId, stance: mine === stance ? "" : stance })}
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
