"use client";

import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useMediaQuery } from "./use-media-query";

type Tab = "discussion" | "note";
const tabs: { id: Tab; label: string }[] = [
  { id: "discussion", label: "Discussion" },
  { id: "note", label: "Synthèse" },
];

/**
 * The discussion with its synthesis beside it on wide screens, and the two as tabs on
 * phones. Without JavaScript (and while hydrating) both are shown, one after the other.
 */
export function ThreadWithNote({ children, note }: { children: ReactNode; note: ReactNode }) {
  const narrow = useMediaQuery("(max-width: 63.99rem)");
  const [tab, setTab] = useState<Tab>("discussion");
  const baseId = useId();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next: Tab = tab === "discussion" ? "note" : "discussion";
    setTab(next);
    tabRefs.current[next]?.focus();
    event.preventDefault();
  };

  const panel = (id: Tab, content: ReactNode) => (
    <div
      id={`${baseId}-${id}`}
      role={narrow ? "tabpanel" : undefined}
      aria-labelledby={narrow ? `${baseId}-${id}-tab` : undefined}
      hidden={narrow && tab !== id}
      className={
        id === "note"
          ? "mt-10 lg:sticky lg:top-6 lg:mt-0 lg:max-h-[calc(100dvh-3rem)] lg:self-start lg:overflow-y-auto"
          : "min-w-0"
      }
    >
      {content}
    </div>
  );

  return (
    <div className="lg:ml-[calc(50%-min(38rem,calc(50vw-1.5rem)))] lg:grid lg:w-[min(76rem,calc(100vw-3rem))] lg:grid-cols-[minmax(0,1fr)_minmax(20rem,28rem)] lg:gap-12">
      {narrow && (
        <div
          role="tablist"
          aria-label="Discussion ou synthèse"
          className="mb-6 flex gap-1 border-b border-line dark:border-night-line"
        >
          {tabs.map(({ id, label }) => (
            <button
              key={id}
              ref={(element) => {
                tabRefs.current[id] = element;
              }}
              id={`${baseId}-${id}-tab`}
              type="button"
              role="tab"
              aria-selected={tab === id}
              aria-controls={`${baseId}-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={onKeyDown}
              className="-mb-px border-b-2 border-transparent px-4 py-2 text-sm font-medium text-muted aria-selected:border-accent aria-selected:text-ink dark:text-night-muted dark:aria-selected:border-night-accent dark:aria-selected:text-night-ink"
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {panel("discussion", children)}
      {panel("note", note)}
    </div>
  );
}
