import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import { listNotifications } from "@/lib/notifications/notifications";
import { markReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const smallButton =
  "rounded-md border border-line px-2 py-1 text-sm text-muted hover:text-ink dark:border-night-line dark:text-night-muted dark:hover:text-night-ink";

// Reading the list changes nothing: a notification stays new until its reader says otherwise.
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ erreur?: string | string[] }>;
}) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/connexion?callbackUrl=/notifications");
  const notifications = await listNotifications(getDb(), actor.id);
  const unread = notifications.some((notification) => !notification.readAt);
  const { erreur } = await searchParams;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-semibold tracking-tight">Notifications</h1>
        {unread && (
          <form action={markReadAction}>
            <input type="hidden" name="notification" value="toutes" />
            <button type="submit" className={smallButton}>
              Tout marquer comme lu
            </button>
          </form>
        )}
      </div>
      {erreur && (
        <p role="alert" className="mt-4 font-medium text-accent dark:text-night-accent">
          Cette notification n’existe pas.
        </p>
      )}
      {notifications.length === 0 ? (
        <p className="mt-6 text-muted dark:text-night-muted">Rien de nouveau.</p>
      ) : (
        <ul className="mt-6 divide-y divide-line dark:divide-night-line" aria-label="Vos notifications">
          {notifications.map((notification) => (
            <li key={notification.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div>
                <p className={notification.readAt ? "" : "font-medium"}>
                  {!notification.readAt && <span className="sr-only">Nouveau&#8239;: </span>}
                  {notification.link ? (
                    <Link href={notification.link} className="hover:underline">
                      {notification.message}
                    </Link>
                  ) : (
                    notification.message
                  )}
                </p>
                <p className="text-sm text-muted dark:text-night-muted">
                  <time
                    dateTime={notification.createdAt.toISOString()}
                    title={formatAbsoluteTime(notification.createdAt)}
                  >
                    {formatRelativeTime(notification.createdAt)}
                  </time>
                </p>
              </div>
              {!notification.readAt && (
                <form action={markReadAction}>
                  <input type="hidden" name="notification" value={notification.id} />
                  <button type="submit" className={smallButton}>
                    Marquer comme lue
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
