import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listThreads } from "@/lib/threads/list-threads";
import { findTag, tagsOfThreads } from "@/lib/threads/thread-tags";
import { orNotFound, queryValue } from "../_lib/page-input";
import { ThreadCard } from "./thread-card";

type SearchParams = Promise<{ apres?: string | string[]; sujet?: string | string[] }>;

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { apres, sujet } = await searchParams;
  const cursor = queryValue(apres);
  const tagSlug = queryValue(sujet);
  const db = getDb();
  const tag = tagSlug ? await findTag(db, tagSlug) : null;
  const { threads, nextCursor } = await orNotFound(() => listThreads(db, { cursor, tag: tagSlug }));
  const tagsByThread = await tagsOfThreads(
    db,
    threads.map((thread) => thread.id),
  );

  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight sm:text-4xl">Discussions</h1>
      <p className="mt-2 max-w-prose text-muted dark:text-night-muted">
        Chaque article devient une discussion&#8239;: lisez ses points clés, dites ce que vous en pensez,
        répondez aux autres.
      </p>
      {tagSlug && (
        <p className="mt-6 flex flex-wrap items-center gap-3 text-sm" role="status">
          Sujet&#8239;: <strong>#{tag?.label ?? tagSlug}</strong>
          <Link href="/" className="text-accent underline-offset-4 hover:underline dark:text-night-accent">
            Voir toutes les discussions
          </Link>
        </p>
      )}
      {threads.length === 0 ? (
        <p className="mt-10 rounded-lg border border-dashed border-line p-8 text-center text-muted dark:border-night-line dark:text-night-muted">
          Aucune discussion pour l’instant.
        </p>
      ) : (
        <ul className="mt-8 space-y-4" aria-label="Liste des discussions">
          {threads.map((thread) => (
            <li key={thread.id}>
              <ThreadCard thread={thread} tags={tagsByThread.get(thread.id) ?? []} />
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <nav aria-label="Pagination" className="mt-8 text-right">
          <Link
            href={`/?${new URLSearchParams([...(tagSlug ? [["sujet", tagSlug]] : []), ["apres", nextCursor]])}`}
            className="rounded-sm font-medium text-accent underline-offset-4 hover:underline dark:text-night-accent"
          >
            Discussions plus anciennes →
          </Link>
        </nav>
      )}
    </>
  );
}
