import Link from "next/link";
import { countLabel } from "@/lib/format/plural";
import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import type { ThreadSummary } from "@/lib/threads/list-threads";
import type { TagLabel } from "@/lib/threads/thread-tags";
import { TagList } from "./tag-list";

export function ThreadCard({ thread, tags }: { thread: ThreadSummary; tags: TagLabel[] }) {
  return (
    <article className="group relative rounded-xl border border-line bg-white p-5 shadow-xs transition hover:border-accent/40 hover:shadow-sm dark:border-night-line dark:bg-night-raised dark:hover:border-night-accent/50">
      {(thread.pinned || thread.locked) && (
        <p className="mb-2 flex gap-2 text-xs font-medium tracking-wide text-accent uppercase dark:text-night-accent">
          {thread.pinned && <span>Épinglée</span>}
          {thread.locked && <span>Verrouillée</span>}
        </p>
      )}
      <h2 className="font-serif text-xl leading-snug font-semibold">
        <Link
          href={`/t/${thread.slug}`}
          className="rounded-sm after:absolute after:inset-0 after:content-[''] group-hover:text-accent dark:group-hover:text-night-accent"
        >
          {thread.title}
        </Link>
      </h2>
      <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted dark:text-night-muted">
        <span>{countLabel(thread.takeawayCount, "point clé", "points clés")}</span>
        <span>{countLabel(thread.commentCount, "commentaire", "commentaires")}</span>
        <span>
          Activité{" "}
          <time
            dateTime={thread.lastActivityAt.toISOString()}
            title={formatAbsoluteTime(thread.lastActivityAt)}
          >
            {formatRelativeTime(thread.lastActivityAt)}
          </time>
        </span>
      </p>
      <TagList tags={tags} className="mt-3" />
    </article>
  );
}
