import type { Metadata } from "next";
import Link from "next/link";
import { RoleBadge } from "@/app/_components/role-badge";
import { getDb } from "@/db/client";
import { can, isSuspended } from "@/lib/auth/authorization";
import { getCurrentActor } from "@/lib/auth/session";
import { formatAbsoluteTime, formatDate, formatRelativeTime } from "@/lib/format/relative-time";
import { getMemberProfileOrThrow } from "@/lib/users/get-member-profile";
import { orNotFound, pathSegment } from "../../../_lib/page-input";
import { SuspensionPanel } from "./suspension-panel";

type Params = Promise<{ id: string }>;

async function loadProfile(id: string) {
  return orNotFound(() => getMemberProfileOrThrow(getDb(), pathSegment(id)));
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { member } = await loadProfile((await params).id);
  return { title: member.name };
}

export default async function MemberPage({ params }: { params: Params }) {
  const { member, recentPosts } = await loadProfile((await params).id);
  const actor = await getCurrentActor();
  const suspended = isSuspended(member);
  const canSuspend = can(actor, "user:suspend", { targetUserId: member.id, targetRole: member.role }).allowed;
  const seesSuspension = suspended && (canSuspend || actor?.id === member.id);
  return (
    <>
      <header>
        <h1 className="flex flex-wrap items-center gap-3 font-serif text-3xl font-semibold tracking-tight">
          {member.name} <RoleBadge role={member.role} />
        </h1>
        <p className="mt-2 text-sm text-muted dark:text-night-muted">
          Membre depuis le{" "}
          <time dateTime={member.createdAt.toISOString()}>{formatDate(member.createdAt)}</time>
        </p>
        {actor?.id === member.id && (
          <p className="mt-2 text-sm">
            <Link
              href="/mot-de-passe"
              className="font-medium text-accent underline-offset-4 hover:underline dark:text-night-accent"
            >
              Changer de mot de passe
            </Link>
          </p>
        )}
        {seesSuspension && (
          <p role="status" className="mt-4 rounded-lg bg-accent-soft px-4 py-3 text-sm text-ink">
            Compte suspendu{" "}
            {member.suspendedUntil ? (
              <>jusqu’au {formatDate(member.suspendedUntil)}</>
            ) : (
              "jusqu’à nouvel ordre"
            )}
            {member.suspensionReason && <>&#8239;: {member.suspensionReason}</>}
          </p>
        )}
        {canSuspend && <SuspensionPanel userId={member.id} name={member.name} suspended={suspended} />}
      </header>
      <section aria-labelledby="contributions" className="mt-10">
        <h2
          id="contributions"
          className="border-b border-line pb-2 font-serif text-xl font-semibold dark:border-night-line"
        >
          Contributions récentes
        </h2>
        {recentPosts.length === 0 ? (
          <p className="mt-6 text-muted dark:text-night-muted">{member.name} n’a pas encore commenté.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {recentPosts.map((post) => (
              <li
                key={post.id}
                className="rounded-xl border border-line bg-white p-4 dark:border-night-line dark:bg-night-raised"
              >
                <p className="line-clamp-3 whitespace-pre-line">{post.body}</p>
                <p className="mt-2 text-sm text-muted dark:text-night-muted">
                  Dans{" "}
                  <Link
                    href={`/t/${post.threadSlug}?c=${post.id}#c-${post.id}`}
                    className="font-medium underline-offset-2 hover:underline"
                  >
                    {post.threadTitle}
                  </Link>
                  ,{" "}
                  <time dateTime={post.createdAt.toISOString()} title={formatAbsoluteTime(post.createdAt)}>
                    {formatRelativeTime(post.createdAt)}
                  </time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
