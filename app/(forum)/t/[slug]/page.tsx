import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { countLabel } from "@/lib/format/plural";
import { getThreadBySlugOrThrow, type ThreadWithTakeaways } from "@/lib/threads/get-thread";
import { ThreadNote } from "./note/thread-note";
import { ThreadWithNote } from "./note/thread-with-note";
import { TakeawayList } from "./takeaway-list";

type Params = Promise<{ slug: string }>;

async function loadThread(slug: string): Promise<ThreadWithTakeaways> {
  try {
    return await getThreadBySlugOrThrow(getDb(), decodeURIComponent(slug));
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { thread } = await loadThread((await params).slug);
  return { title: thread.title, description: thread.intro[0]?.slice(0, 200) };
}

export default async function ThreadPage({ params }: { params: Params }) {
  const { thread, takeaways } = await loadThread((await params).slug);

  const discussion = (
    <article aria-labelledby="titre-discussion">
      <nav aria-label="Fil d’Ariane" className="mb-6 text-sm">
        <Link
          href="/"
          className="rounded-sm text-muted hover:text-ink dark:text-night-muted dark:hover:text-night-ink"
        >
          ← Toutes les discussions
        </Link>
      </nav>
      <header>
        <h1
          id="titre-discussion"
          className="font-serif text-3xl leading-tight font-semibold tracking-tight text-balance sm:text-4xl"
        >
          {thread.title}
        </h1>
        {thread.lockedAt && (
          <p role="status" className="mt-4 rounded-lg bg-accent-soft px-4 py-3 text-sm text-ink">
            Discussion verrouillée{thread.lockReason ? <>&#8239;: {thread.lockReason}</> : "."}
          </p>
        )}
        <div className="reading mt-6 max-w-[68ch] space-y-4 text-ink/90 dark:text-night-ink/90">
          {thread.intro.map((paragraph, index) => (
            <p key={index} className="whitespace-pre-line">
              {paragraph}
            </p>
          ))}
        </div>
        {thread.sourceLabel && (
          <p className="mt-4 text-sm text-muted dark:text-night-muted">
            Source&nbsp;:{" "}
            {thread.sourceUrl ? (
              <a href={thread.sourceUrl} rel="nofollow noopener" className="underline underline-offset-2">
                {thread.sourceLabel}
              </a>
            ) : (
              thread.sourceLabel
            )}
          </p>
        )}
      </header>

      <section aria-labelledby="points-cles" className="mt-10">
        <h2
          id="points-cles"
          className="flex items-baseline justify-between gap-4 border-b border-line pb-2 font-serif text-2xl font-semibold dark:border-night-line"
        >
          Points clés
          <span className="font-sans text-sm font-normal text-muted dark:text-night-muted">
            {countLabel(takeaways.length, "point", "points")}
          </span>
        </h2>
        {takeaways.length === 0 ? (
          <p className="mt-6 text-muted dark:text-night-muted">Cet article n’a pas de point clé.</p>
        ) : (
          <TakeawayList takeaways={takeaways} />
        )}
      </section>
    </article>
  );

  return <ThreadWithNote note={<ThreadNote threadId={thread.id} />}>{discussion}</ThreadWithNote>;
}
