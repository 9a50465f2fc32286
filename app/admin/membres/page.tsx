import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { can, isSuspended } from "@/lib/auth/authorization";
import { getCurrentActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/format/relative-time";
import { listMembers } from "@/lib/users/list-members";
import { orNotFound, queryValue } from "../../_lib/page-input";
import { RoleForm } from "./role-form";

export const metadata: Metadata = { title: "Membres — administration" };

export default async function AdminMembersPage({
  searchParams,
}: {
  searchParams: Promise<{ apres?: string | string[] }>;
}) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/connexion?callbackUrl=/admin/membres");
  const access = can(actor, "admin:access");
  if (!access.allowed) {
    return (
      <div className="py-16 text-center">
        <h1 className="font-serif text-3xl font-semibold">Accès refusé</h1>
        <p className="mt-3 text-muted dark:text-night-muted">{access.reason}</p>
      </div>
    );
  }
  const { apres } = await searchParams;
  const { members, nextCursor } = await orNotFound(() => listMembers(getDb(), { cursor: queryValue(apres) }));

  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Membres</h1>
      <p className="mt-2 text-muted dark:text-night-muted">
        Donnez ou retirez les rôles de modération et d’administration.
      </p>
      <div className="mt-8 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Membres, du plus récent au plus ancien</caption>
          <thead className="border-b border-line text-muted dark:border-night-line dark:text-night-muted">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Membre
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Inscription
              </th>
              <th scope="col" className="py-2 font-medium">
                Rôle
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id} className="border-b border-line align-top dark:border-night-line">
                <td className="py-3 pr-4">
                  <Link href={`/membres/${member.id}`} className="font-medium hover:underline">
                    {member.name}
                  </Link>
                  <div className="text-muted dark:text-night-muted">{member.email}</div>
                  {isSuspended(member) && <div className="text-accent dark:text-night-accent">Suspendu</div>}
                </td>
                <td className="py-3 pr-4 whitespace-nowrap">{formatDate(member.createdAt)}</td>
                <td className="py-3">
                  <RoleForm
                    userId={member.id}
                    name={member.name}
                    role={member.role}
                    disabled={member.id === actor.id}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor && (
        <p className="mt-6 text-right">
          <Link
            href={`/admin/membres?apres=${encodeURIComponent(nextCursor)}`}
            className="font-medium text-accent hover:underline dark:text-night-accent"
          >
            Membres plus anciens →
          </Link>
        </p>
      )}
    </>
  );
}
