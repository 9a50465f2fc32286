import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listThreads } from "@/lib/threads/list-threads";
import { ThreadCard } from "./thread-card";

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ apres?: string | string[] }>;
}) {
  await connection();
  const { apres } = await searchParams;
  const cursor = typeof apres === "string" ? apres : undefined;
  const { threads, nextCursor } = await listThreads(getDb(), { cursor });

  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight sm:text-4xl">Discussions</h1>
      <p className="mt-2 max-w-prose text-muted dark:text-night-muted">
        Chaque article devient une discussion&#8239;: lisez ses points clés, dites ce que vous en pensez,
        répondez aux autres.
      </p>
      {threads.length === 0 ? (
        <p className="mt-10 rounded-lg border border-dashed border-line p-8 text-center text-muted dark:border-night-line dark:text-night-muted">
          Aucune discussion pour l’instant.
        </p>
      ) : (
        <ul className="mt-8 space-y-4" aria-label="Liste des discussions">
          {threads.map((thread) => (
            <li key={thread.id}>
              <ThreadCard thread={thread} />
            </li>
          ))}
        </ul>
      )}
      {nextCursor && (
        <nav aria-label="Pagination" className="mt-8 text-right">
          <Link
            href={`/?apres=${encodeURIComponent(nextCursor)}`}
            className="rounded-sm font-medium text-accent underline-offset-4 hover:underline dark:text-night-accent"
          >
            Discussions plus anciennes →
          </Link>
        </nav>
      )}
    </>
  );
}
