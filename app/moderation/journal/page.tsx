import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import { listAuditLog } from "@/lib/moderation/audit";
import { ModerationNav } from "../_components/moderation-nav";
import { Refusal, requireRight } from "../_components/require-moderator";
import { orNotFound } from "../../_lib/page-input";

export const metadata: Metadata = { title: "Journal — modération" };

const actionLabels: Record<string, string> = {
  "thread.pin": "a épinglé la discussion",
  "thread.unpin": "a désépinglé la discussion",
  "thread.lock": "a verrouillé la discussion",
  "thread.unlock": "a déverrouillé la discussion",
  "thread.archive": "a archivé la discussion",
  "thread.unarchive": "a désarchivé la discussion",
  "thread.edit": "a modifié le titre ou l’introduction",
  "thread.tags": "a changé les sujets",
  "thread.import": "a publié un article",
  "post.hide": "a masqué un commentaire",
  "post.restore": "a rétabli un commentaire",
  "post.feature": "a mis en avant un commentaire",
  "post.unfeature": "a retiré une mise en avant",
  "post.move": "a déplacé un commentaire",
  "report.resolve": "a traité des signalements",
  "user.suspend": "a suspendu un membre",
  "user.unsuspend": "a levé une suspension",
  "note.lock": "a verrouillé la synthèse",
  "note.unlock": "a déverrouillé la synthèse",
};

const targetLabels = {
  thread: "Discussions",
  post: "Commentaires",
  user: "Membres",
  note: "Synthèses",
} as const;

function targetLink(entry: { targetType: string; targetId: string; threadId: string | null }): string | null {
  if (entry.targetType === "post") return `/c/${entry.targetId}`;
  if (entry.targetType === "user") return `/membres/${entry.targetId}`;
  if (entry.threadId) return `/d/${entry.threadId}`;
  return null;
}

type SearchParams = Promise<{ action?: string; cible?: string; membre?: string; apres?: string }>;

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await requireRight("audit:read", "/moderation/journal");
  if ("refusal" in access) return <Refusal reason={access.refusal} />;
  const params = await searchParams;
  const filters = {
    action: params.action || undefined,
    targetType: params.cible && Object.hasOwn(targetLabels, params.cible) ? params.cible : undefined,
    actorId: params.membre || undefined,
  };
  const { entries, nextCursor } = await orNotFound(() =>
    listAuditLog(getDb(), access.actor, { ...filters, cursor: params.apres }),
  );
  const query = new URLSearchParams(
    Object.entries({ action: params.action, cible: params.cible, membre: params.membre }).filter(
      (pair): pair is [string, string] => Boolean(pair[1]),
    ),
  );

  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Modération</h1>
      <ModerationNav current="/moderation/journal" />
      <h2 className="font-serif text-xl font-semibold">Journal des actions</h2>
      <form
        method="get"
        className="mt-4 flex flex-wrap items-end gap-3 text-sm"
        aria-label="Filtrer le journal"
      >
        <label className="flex flex-col gap-1">
          Action
          <select
            name="action"
            defaultValue={params.action ?? ""}
            className="rounded-lg border border-line bg-white px-2 py-1.5 dark:border-night-line dark:bg-night-raised"
          >
            <option value="">Toutes</option>
            {Object.entries(actionLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label.replace(/^a /, "")}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Sur
          <select
            name="cible"
            defaultValue={params.cible ?? ""}
            className="rounded-lg border border-line bg-white px-2 py-1.5 dark:border-night-line dark:bg-night-raised"
          >
            <option value="">Tout</option>
            {Object.entries(targetLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {params.membre && <input type="hidden" name="membre" value={params.membre} />}
        <button
          type="submit"
          className="rounded-lg border border-line px-3 py-1.5 font-medium dark:border-night-line"
        >
          Filtrer
        </button>
        {(params.action || params.cible || params.membre) && (
          <Link href="/moderation/journal" className="py-1.5 text-muted underline dark:text-night-muted">
            Tout afficher
          </Link>
        )}
      </form>
      {entries.length === 0 ? (
        <p className="mt-6 text-muted dark:text-night-muted">Aucune action enregistrée.</p>
      ) : (
        <ol
          className="mt-6 divide-y divide-line dark:divide-night-line"
          aria-label="Actions de modération, de la plus récente à la plus ancienne"
        >
          {entries.map((entry) => {
            const link = targetLink(entry);
            return (
              <li key={entry.id} className="py-3 text-sm">
                <p>
                  <Link
                    href={`/moderation/journal?membre=${encodeURIComponent(entry.actorId)}`}
                    className="font-medium hover:underline"
                  >
                    {entry.actorName}
                  </Link>{" "}
                  {actionLabels[entry.action] ?? entry.action}
                  {link && (
                    <>
                      {" "}
                      (
                      <Link href={link} className="underline-offset-2 hover:underline">
                        voir
                      </Link>
                      )
                    </>
                  )}
                  {", "}
                  <time dateTime={entry.createdAt.toISOString()} title={formatAbsoluteTime(entry.createdAt)}>
                    {formatRelativeTime(entry.createdAt)}
                  </time>
                </p>
                {entry.reason && (
                  <p className="mt-1 text-muted dark:text-night-muted">Raison&#8239;: {entry.reason}</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {nextCursor && (
        <p className="mt-6 text-right">
          <Link
            href={`/moderation/journal?${new URLSearchParams([...query, ["apres", nextCursor]])}`}
            className="font-medium text-accent hover:underline dark:text-night-accent"
          >
            Actions plus anciennes →
          </Link>
        </p>
      )}
    </>
  );
}
