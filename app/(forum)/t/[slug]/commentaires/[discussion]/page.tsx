import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { loadDiscussionPage } from "@/lib/posts/load-discussion-page";
import { generalDiscussion } from "@/lib/posts/types";
import { getThreadBySlugOrThrow } from "@/lib/threads/get-thread";
import { pathSegment } from "../../../../../_lib/page-input";
import { BackToDiscussion } from "../../discussion/back-to-discussion";
import { DiscussionRoot } from "../../discussion/discussion-root";
import { GeneralDiscussion } from "../../discussion/general-discussion";
import { TakeawayDiscussion } from "../../discussion/takeaway-discussion";

type Params = Promise<{ slug: string; discussion: string }>;
type SearchParams = Promise<{ apres?: string | string[] }>;

export const metadata: Metadata = { title: "Commentaires" };

/**
 * The next page of one discussion ("voir plus" without JavaScript; with it, the thread page
 * fetches the same comments as JSON and appends them in place). `discussion` is a takeaway's
 * number or "general".
 */
async function load(slug: string, discussion: string, apres: string | string[] | undefined) {
  try {
    const { thread, takeaways } = await getThreadBySlugOrThrow(getDb(), pathSegment(slug));
    const takeaway = discussion === generalDiscussion ? null : takeaways.find((t) => t.number === discussion);
    if (takeaway === undefined) notFound();
    const snapshot = await loadDiscussionPage(
      getDb(),
      null,
      thread.id,
      takeaway?.id ?? null,
      typeof apres === "string" ? apres : undefined,
    );
    return { thread, takeaway, snapshot };
  } catch (error) {
    if (isAppError(error) && (error.kind === "not_found" || error.kind === "bad_request")) notFound();
    throw error;
  }
}

export default async function DiscussionPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { slug, discussion } = await params;
  const { thread, takeaway, snapshot } = await load(slug, discussion, (await searchParams).apres);
  return (
    <article aria-labelledby="titre-commentaires">
      <BackToDiscussion thread={thread} takeaway={takeaway} />
      <h1 id="titre-commentaires" className="font-serif text-3xl leading-tight font-semibold tracking-tight">
        {takeaway ? `Point ${takeaway.number}` : "Discussion générale"}
        <span className="font-sans text-base font-normal text-muted dark:text-night-muted">
          {" "}
          — suite des commentaires
        </span>
      </h1>
      {takeaway && <p className="reading mt-4 max-w-[68ch]">{takeaway.body}</p>}
      <DiscussionRoot
        snapshot={{ kind: "thread", data: snapshot }}
        viewer={null}
        slug={thread.slug}
        locked={thread.lockedAt !== null}
        takeawayNumbers={takeaway ? { [takeaway.id]: takeaway.number } : {}}
      >
        {takeaway ? (
          <TakeawayDiscussion takeawayId={takeaway.id} number={takeaway.number} defaultOpen />
        ) : (
          <GeneralDiscussion />
        )}
      </DiscussionRoot>
    </article>
  );
}
