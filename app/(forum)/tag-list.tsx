import Link from "next/link";
import type { TagLabel } from "@/lib/threads/thread-tags";

export function TagList({ tags, className = "" }: { tags: TagLabel[]; className?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label="Sujets" className={`relative z-10 flex flex-wrap gap-2 ${className}`}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link
            href={`/?sujet=${encodeURIComponent(tag.slug)}`}
            className="rounded-full border border-line px-2.5 py-0.5 text-xs font-medium text-muted hover:border-accent/50 hover:text-ink dark:border-night-line dark:text-night-muted dark:hover:text-night-ink"
          >
            #{tag.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
