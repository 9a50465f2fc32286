import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { countLabel } from "@/lib/format/plural";
import { getThreadBySlugOrThrow, type ThreadWithTakeaways } from "@/lib/threads/get-thread";
import { can } from "@/lib/auth/authorization";
import { getCurrentActor } from "@/lib/auth/session";
import { tagsOfThreads } from "@/lib/threads/thread-tags";
import { orNotFound, pathSegment } from "../../../_lib/page-input";
import { TagList } from "../../tag-list";
import { DiscussionRoot } from "./discussion/discussion-root";
import { GeneralDiscussion } from "./discussion/general-discussion";
import { loadPageDiscussion } from "./discussion/load-page-discussion";
import { TakeawayDiscussion } from "./discussion/takeaway-discussion";
import { ThreadNote } from "./note/thread-note";
import { ThreadWithNote } from "./note/thread-with-note";
import { TakeawayList } from "./takeaway-list";
import { ThreadModerationPanel } from "./thread-moderation-panel";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<{ c?: string | string[] }>;

async function loadThread(slug: string): Promise<ThreadWithTakeaways> {
  return orNotFound(() => getThreadBySlugOrThrow(getDb(), pathSegment(slug)));
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { thread } = await loadThread((await params).slug);
  return { title: thread.title, description: thread.intro[0]?.slice(0, 200) };
}

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const loaded = await loadThread((await params).slug);
  const { thread, takeaways } = loaded;
  const db = getDb();
  const [actor, tagsByThread] = await Promise.all([getCurrentActor(), tagsOfThreads(db, [thread.id])]);
  const tags = tagsByThread.get(thread.id) ?? [];
  const canModerate = can(actor, "thread:moderate").allowed;
  const discussion = await loadPageDiscussion(loaded, (await searchParams).c, actor);

  const content = (
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
        <TagList tags={tags} className="mt-3" />
        {thread.archivedAt && (
          <p
            role="status"
            className="mt-4 rounded-lg border border-line px-4 py-3 text-sm dark:border-night-line"
          >
            Discussion archivée&#8239;: elle reste lisible mais n’apparaît plus sur l’accueil.
          </p>
        )}
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
        {/* A bare "Via" line names no source: there is nothing to show. */}
        {thread.sourceLabel && (thread.sourceUrl || thread.sourceLabel !== "Via") && (
          <p className="mt-4 text-sm text-muted dark:text-night-muted">
            Source&#8239;:{" "}
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

      {canModerate && (
        <ThreadModerationPanel
          threadId={thread.id}
          title={thread.title}
          intro={thread.intro}
          pinned={thread.pinnedAt !== null}
          locked={thread.lockedAt !== null}
          archived={thread.archivedAt !== null}
          tags={tags.map((tag) => tag.label)}
        />
      )}

      <DiscussionRoot
        snapshot={{ kind: "thread", data: discussion.snapshot }}
        viewer={
          actor ? { id: actor.id, name: actor.name, canModerate: can(actor, "post:moderate").allowed } : null
        }
        slug={thread.slug}
        locked={thread.lockedAt !== null && !canModerate}
        bypassLock={canModerate}
        takeawayNumbers={discussion.takeawayNumbers}
      >
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
            <TakeawayList
              takeaways={takeaways}
              discussionFor={(takeaway) => (
                <TakeawayDiscussion takeawayId={takeaway.id} number={takeaway.number} />
              )}
            />
          )}
        </section>
        <GeneralDiscussion />
      </DiscussionRoot>
    </article>
  );

  return <ThreadWithNote note={<ThreadNote threadId={thread.id} />}>{content}</ThreadWithNote>;
}
