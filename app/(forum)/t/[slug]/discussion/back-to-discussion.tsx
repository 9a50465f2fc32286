import Link from "next/link";

/** The breadcrumb of the pages that continue a discussion: back to its place in the thread. */
export function BackToDiscussion({
  thread,
  takeaway,
}: {
  thread: { slug: string; title: string };
  takeaway: { number: string } | null | undefined;
}) {
  const href = takeaway
    ? `/t/${thread.slug}#point-${takeaway.number.replaceAll(".", "-")}`
    : `/t/${thread.slug}#discussion-generale`;
  return (
    <nav aria-label="Fil d’Ariane" className="mb-6 text-sm">
      <Link
        href={href}
        className="rounded-sm text-muted hover:text-ink dark:text-night-muted dark:hover:text-night-ink"
      >
        ← {thread.title}
      </Link>
    </nav>
  );
}
