import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { uuidParamSchema } from "@/lib/posts/discussion-request";
import { listBranch } from "@/lib/posts/list-discussion";
import type { BranchSnapshot } from "@/lib/posts/types";
import { getThreadBySlugOrThrow } from "@/lib/threads/get-thread";
import { pathSegment } from "../../../../../_lib/page-input";
import { BranchView } from "../../discussion/branch-view";
import { BackToDiscussion } from "../../discussion/back-to-discussion";
import { DiscussionRoot } from "../../discussion/discussion-root";

type Params = Promise<{ slug: string; id: string }>;
type SearchParams = Promise<{ apres?: string | string[] }>;

export const metadata: Metadata = { title: "Suite de la conversation" };

async function loadBranch(slug: string, id: string, after: string | undefined) {
  const postId = uuidParamSchema.safeParse(id);
  if (!postId.success) notFound();
  try {
    const { thread, takeaways } = await getThreadBySlugOrThrow(getDb(), pathSegment(slug));
    const branch: BranchSnapshot = await listBranch(getDb(), null, { postId: postId.data, after });
    if (branch.threadId !== thread.id) notFound();
    const takeaway = takeaways.find((candidate) => candidate.id === branch.focus.takeawayId) ?? null;
    return { thread, takeaway, branch };
  } catch (error) {
    if (isAppError(error) && (error.kind === "not_found" || error.kind === "bad_request")) notFound();
    throw error;
  }
}

/** "Continuer cette conversation": a branch too deep for the thread page, server-rendered. */
export default async function BranchPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { slug, id } = await params;
  const { apres } = await searchParams;
  const after = typeof apres === "string" ? apres : undefined;
  const { thread, takeaway, branch } = await loadBranch(slug, id, after);
  return (
    <article aria-labelledby="titre-conversation">
      <BackToDiscussion thread={thread} takeaway={takeaway} />
      <h1 id="titre-conversation" className="font-serif text-3xl leading-tight font-semibold tracking-tight">
        Suite de la conversation
      </h1>
      <p className="mt-2 text-muted dark:text-night-muted">
        {takeaway ? (
          <>
            Sur le point {takeaway.number}&#8239;: «&nbsp;{takeaway.body}&nbsp;»
          </>
        ) : (
          "Dans la discussion générale de l’article."
        )}
      </p>
      <div className="mt-8">
        <DiscussionRoot
          snapshot={{ kind: "branch", data: branch }}
          viewer={null}
          slug={thread.slug}
          locked={thread.lockedAt !== null}
          takeawayNumbers={takeaway ? { [takeaway.id]: takeaway.number } : {}}
        >
          {after && (
            <p className="mb-4 text-sm">
              <Link href={`/t/${thread.slug}/c/${branch.focus.id}`} className="underline underline-offset-2">
                ← Début de la conversation
              </Link>
            </p>
          )}
          <BranchView
            ancestors={branch.ancestors}
            moreHref={
              branch.nextCursor
                ? `/t/${thread.slug}/c/${branch.focus.id}?apres=${encodeURIComponent(branch.nextCursor)}`
                : null
            }
          />
        </DiscussionRoot>
      </div>
    </article>
  );
}
