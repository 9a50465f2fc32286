import Link from "next/link";
import { can } from "@/lib/auth/authorization";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import { countLabel } from "@/lib/format/plural";
import { countUnreadNotifications } from "@/lib/notifications/notifications";
import { RoleBadge } from "./role-badge";
import { SignOutButton } from "./sign-out-button";

// On a phone the header must not take four rows: tighter links, the logo stands for
// « Discussions », the role badge waits for wider screens, « Administration » reads « Admin ».
const navLink =
  "rounded-sm px-1.5 py-1 text-muted hover:text-ink sm:px-2 dark:text-night-muted dark:hover:text-night-ink";

export async function SiteHeader() {
  const actor = await getCurrentActor();
  const unread = actor ? await countUnreadNotifications(getDb(), actor.id) : 0;
  return (
    <header className="border-b border-line bg-paper/90 backdrop-blur dark:border-night-line dark:bg-night/90">
      {/* As wide as the thread page's two columns (76rem) plus this padding, so their edges line up. */}
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6 lg:max-w-[79rem]">
        <Link href="/" className="group flex items-baseline gap-2 rounded-sm" aria-label="Agora, accueil">
          <span className="font-serif text-2xl font-semibold tracking-tight text-ink dark:text-night-ink">
            Agora
          </span>
          <span className="hidden text-sm text-muted sm:inline dark:text-night-muted">
            débattre des idées, point par point
          </span>
        </Link>
        <nav
          aria-label="Navigation principale"
          className="flex flex-wrap items-center gap-x-0.5 gap-y-1 text-sm sm:gap-1"
        >
          <Link href="/" className={`${navLink} hidden sm:inline`}>
            Discussions
          </Link>
          {actor && can(actor, "report:resolve").allowed && (
            <Link href="/moderation" className={navLink}>
              Modération
            </Link>
          )}
          {actor && can(actor, "admin:access").allowed && (
            <Link href="/admin/membres" className={navLink} aria-label="Administration">
              <span className="sm:hidden">Admin</span>
              <span className="hidden sm:inline">Administration</span>
            </Link>
          )}
          {actor ? (
            <>
              <Link
                href={`/membres/${actor.id}`}
                className="flex items-center gap-2 rounded-sm px-1.5 py-1 font-medium sm:px-2"
                aria-label={`Votre profil\u202f: ${actor.name}`}
              >
                <span data-testid="signed-in-as">{actor.name}</span>
                <span className="hidden sm:inline">
                  <RoleBadge role={actor.role} />
                </span>
              </Link>
              <Link
                href="/notifications"
                className={navLink}
                aria-label={`Notifications${unread ? ` (${countLabel(unread, "non lue", "non lues")})` : ""}`}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="inline h-4 w-4"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                >
                  <path
                    d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0"
                    strokeLinecap="round"
                    strokeLinejoin="round"
                  />
                </svg>
                {unread > 0 && (
                  <span className="ml-1 rounded-full bg-accent px-1.5 py-0.5 text-xs font-semibold text-white dark:bg-night-accent dark:text-night">
                    {unread}
                  </span>
                )}
              </Link>
              <SignOutButton memberId={actor.id} />
            </>
          ) : (
            <>
              <Link href="/connexion" className={navLink}>
                Se connecter
              </Link>
              <Link
                href="/inscription"
                className="rounded-lg bg-accent px-3 py-1.5 font-medium text-white hover:bg-accent/90 dark:bg-night-accent dark:text-night"
              >
                Créer un compte
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
