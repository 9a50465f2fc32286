import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import { listReportQueue } from "@/lib/moderation/reports";
import { reportReasonLabels } from "@/lib/moderation/schemas";
import { countLabel } from "@/lib/format/plural";
import { ModerationNav } from "./_components/moderation-nav";
import { Refusal, requireRight } from "./_components/require-moderator";
import { orNotFound, queryValue } from "../_lib/page-input";
import { ResolveForm } from "./resolve-form";

export const metadata: Metadata = { title: "Signalements — modération" };

export default async function ReportQueuePage({
  searchParams,
}: {
  searchParams: Promise<{ apres?: string | string[] }>;
}) {
  const access = await requireRight("report:resolve", "/moderation");
  if ("refusal" in access) return <Refusal reason={access.refusal} />;
  const { apres } = await searchParams;
  const { items, nextCursor } = await orNotFound(() =>
    listReportQueue(getDb(), access.actor, { cursor: queryValue(apres) }),
  );

  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Modération</h1>
      <ModerationNav current="/moderation" />
      <h2 className="font-serif text-xl font-semibold">Signalements ouverts</h2>
      {items.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-line p-8 text-center text-muted dark:border-night-line dark:text-night-muted">
          Aucun signalement en attente.
        </p>
      ) : (
        <ul className="mt-6 space-y-6" aria-label="Commentaires signalés, du plus ancien au plus récent">
          {items.map((item) => {
            const reasons = Object.entries(
              item.reasons.reduce<Record<string, number>>(
                (counts, reason) => ({ ...counts, [reason]: (counts[reason] ?? 0) + 1 }),
                {},
              ),
            );
            return (
              <li
                key={item.postId}
                className="rounded-xl border border-line bg-white p-5 dark:border-night-line dark:bg-night-raised"
              >
                <p className="text-sm text-muted dark:text-night-muted">
                  <strong className="text-ink dark:text-night-ink">
                    {countLabel(item.reports, "signalement", "signalements")}
                  </strong>{" "}
                  · depuis{" "}
                  <time dateTime={item.oldest.toISOString()} title={formatAbsoluteTime(item.oldest)}>
                    {formatRelativeTime(item.oldest)}
                  </time>{" "}
                  ·{" "}
                  {reasons
                    .map(
                      ([reason, count]) =>
                        `${reportReasonLabels[reason as keyof typeof reportReasonLabels]} (${count})`,
                    )
                    .join(", ")}
                </p>
                <blockquote className="mt-3 border-l-4 border-line pl-4 whitespace-pre-line dark:border-night-line">
                  {item.post.body}
                </blockquote>
                <p className="mt-2 text-sm text-muted dark:text-night-muted">
                  Par{" "}
                  <Link
                    href={`/membres/${item.post.authorId}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {item.post.authorName}
                  </Link>{" "}
                  dans{" "}
                  <Link href={`/c/${item.postId}`} className="font-medium underline-offset-2 hover:underline">
                    {item.post.threadTitle}
                  </Link>
                  {item.post.hiddenAt && <> · déjà masqué ({item.post.hiddenReason})</>}
                </p>
                {item.details.some(Boolean) && (
                  <ul className="mt-2 list-disc pl-5 text-sm">
                    {item.details.filter(Boolean).map((detail, index) => (
                      <li key={index}>« {detail} »</li>
                    ))}
                  </ul>
                )}
                <ResolveForm postId={item.postId} authorName={item.post.authorName} />
              </li>
            );
          })}
        </ul>
      )}
      {nextCursor && (
        <p className="mt-6 text-right">
          <Link
            href={`/moderation?apres=${encodeURIComponent(nextCursor)}`}
            className="font-medium text-accent hover:underline dark:text-night-accent"
          >
            Signalements suivants →
          </Link>
        </p>
      )}
    </>
  );
}
