"use client";

import { useId, type ReactNode } from "react";
import type { ReactionTally } from "@/lib/reactions/kinds";

/** "Alice, Bob et 3 autres": who is behind a count, for hover and keyboard focus. */
export function namesLabel(tally: ReactionTally | undefined): string {
  if (!tally || tally.count === 0) return "personne pour l’instant";
  const others = tally.count - tally.names.length;
  const names = tally.names.join(", ");
  return others > 0 ? `${names} et ${others}\u00a0autre${others > 1 ? "s" : ""}` : names;
}

const pressedClasses =
  "border-accent bg-accent-soft font-semibold text-accent dark:border-night-accent dark:bg-night-line dark:text-night-accent";
const idleClasses =
  "border-line text-muted hover:border-accent/50 hover:text-ink dark:border-night-line dark:text-night-muted dark:hover:text-night-ink";

/**
 * A reaction or stance with its count: a toggle button for members, plain text for guests;
 * either way focusable, with the names behind the count shown on hover and focus.
 */
export function ReactionTallyControl({
  label,
  symbol,
  tally,
  pressed,
  onToggle,
  disabled,
  post,
}: {
  label: string;
  symbol?: ReactNode;
  tally: ReactionTally | undefined;
  pressed: boolean;
  onToggle: (() => void) | null;
  disabled?: boolean;
  /** Without JavaScript the toggle posts these fields to this server action instead. */
  post?: { action: (form: FormData) => void; fields: Record<string, string> };
}) {
  const tooltipId = useId();
  const count = tally?.count ?? 0;
  const names = namesLabel(tally);
  const content = (
    <>
      {symbol && <span aria-hidden="true">{symbol}</span>}
      <span className={symbol ? "sr-only" : undefined}>{label}</span>
      {/* An open palette lists every choice: a « 0 » beside each would only be noise. */}
      {count > 0 && <span className="tabular-nums">{count}</span>}
    </>
  );
  const base =
    "inline-flex min-h-6 items-center gap-1 rounded-full border px-2 py-0.5 text-sm leading-6 transition-colors";
  return (
    <span className="group relative inline-flex">
      {post ? (
        <form action={post.action} className="contents">
          {Object.entries(post.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button
            type="submit"
            aria-pressed={pressed}
            aria-describedby={tooltipId}
            className={`${base} ${pressed ? pressedClasses : idleClasses}`}
          >
            {content}
          </button>
        </form>
      ) : onToggle ? (
        <button
          type="button"
          aria-pressed={pressed}
          aria-describedby={tooltipId}
          onClick={onToggle}
          disabled={disabled}
          className={`${base} ${pressed ? pressedClasses : idleClasses} disabled:opacity-60`}
        >
          {content}
        </button>
      ) : (
        <span
          tabIndex={0}
          aria-describedby={tooltipId}
          className={`${base} border-line text-muted dark:border-night-line dark:text-night-muted`}
        >
          {content}
        </span>
      )}
      <span
        role="tooltip"
        id={tooltipId}
        className="pointer-events-none invisible absolute bottom-full left-0 z-10 mb-1 w-max max-w-64 rounded-md bg-ink px-2 py-1 text-xs text-paper opacity-0 transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100 dark:bg-night-ink dark:text-night"
      >
        {label}&#8239;: {names}
      </span>
    </span>
  );
}
