import type { ReactNode } from "react";
import { takeawayAnchor, type Takeaway } from "@/lib/threads/get-thread";

/**
 * The article's spine: numbered takeaways, each its own block with an anchor; sub-points nest
 * beneath, and the takeaway's discussion (when given) closes the block.
 */
export function TakeawayList({
  takeaways,
  discussionFor,
}: {
  takeaways: Takeaway[];
  discussionFor?: (takeaway: Takeaway) => ReactNode;
}) {
  return (
    <ol className="mt-6 space-y-5" aria-label="Points clés de l’article">
      {takeaways.map((takeaway) => (
        <li
          key={takeaway.id}
          id={takeawayAnchor(takeaway)}
          className="scroll-mt-6 rounded-xl border border-line bg-white p-4 sm:p-5 dark:border-night-line dark:bg-night-raised"
        >
          <div className="flex gap-3 sm:gap-4">
            <a
              href={`#${takeawayAnchor(takeaway)}`}
              className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-accent-soft font-sans text-sm font-semibold text-accent dark:bg-night-line dark:text-night-accent"
              aria-label={`Lien vers le point ${takeaway.number}`}
            >
              {takeaway.number}
            </a>
            <div className="min-w-0 flex-1">
              <p className="reading max-w-[68ch]">{takeaway.body}</p>
              {takeaway.points.length > 0 && <SubPoints points={takeaway.points} />}
            </div>
          </div>
          {discussionFor?.(takeaway)}
        </li>
      ))}
    </ol>
  );
}

function SubPoints({ points }: { points: Takeaway[] }) {
  return (
    <ol className="mt-3 space-y-2 border-l-2 border-accent-soft pl-2.5 sm:pl-4 dark:border-night-line">
      {points.map((point) => (
        <li key={point.id} id={takeawayAnchor(point)} className="scroll-mt-6">
          <div className="flex gap-1.5 sm:gap-2">
            <a
              href={`#${takeawayAnchor(point)}`}
              className="shrink-0 rounded-sm font-sans text-sm font-semibold text-muted tabular-nums dark:text-night-muted"
              aria-label={`Lien vers le point ${point.number}`}
            >
              {point.number}
            </a>
            <div className="min-w-0">
              <p className="reading max-w-[66ch] text-base">{point.body}</p>
              {point.points.length > 0 && <SubPoints points={point.points} />}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
