import type { Stance } from "../../db/schema/reactions";

/**
 * The reactions a member can give, with the words screen readers and tooltips use.
 * Client-safe: the composer and the server share these lists.
 */
export const reactionEmojis = ["👍", "❤️", "😂", "🤔", "👏"] as const;
export type ReactionEmoji = (typeof reactionEmojis)[number];

export const emojiLabels: Record<ReactionEmoji, string> = {
  "👍": "J’approuve",
  "❤️": "J’aime",
  "😂": "Ça me fait rire",
  "🤔": "Ça me fait réfléchir",
  "👏": "Bravo",
};

export const stanceValues = ["agree", "disagree", "nuance"] as const satisfies readonly Stance[];
export type { Stance };

export const stanceLabels: Record<Stance, string> = {
  agree: "D’accord",
  disagree: "Pas d’accord",
  nuance: "Nuance",
};

/** A count and the most recent names behind it, for hover and focus. */
export interface ReactionTally {
  count: number;
  names: string[];
}

export interface ReactionSummary {
  emoji: Partial<Record<ReactionEmoji, ReactionTally>>;
  stance: Partial<Record<Stance, ReactionTally>>;
}

/** What the viewing member gave: per-viewer, so never broadcast. */
export interface MyReactions {
  emoji: ReactionEmoji[];
  stance: Stance | null;
}

export const emptyReactionSummary = (): ReactionSummary => ({ emoji: {}, stance: {} });
export const noReactions = (): MyReactions => ({ emoji: [], stance: null });

export function isReactionEmoji(value: string): value is ReactionEmoji {
  return (reactionEmojis as readonly string[]).includes(value);
}

export function isStance(value: string): value is Stance {
  return (stanceValues as readonly string[]).includes(value);
}
