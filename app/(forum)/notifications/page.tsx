import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import { listNotifications, markNotificationsRead } from "@/lib/notifications/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await getCurrentActor();
  if (!actor) redirect("/connexion?callbackUrl=/notifications");
  const db = getDb();
  const notifications = await listNotifications(db, actor.id);
  // Seen once listed; the page shows which were new this time.
  await markNotificationsRead(
    db,
    actor.id,
    notifications.filter((notification) => !notification.readAt).map((notification) => notification.id),
  );
  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Notifications</h1>
      {notifications.length === 0 ? (
        <p className="mt-6 text-muted dark:text-night-muted">Rien de nouveau.</p>
      ) : (
        <ul className="mt-6 divide-y divide-line dark:divide-night-line">
          {notifications.map((notification) => (
            <li key={notification.id} className="py-3">
              <p className={notification.readAt ? "" : "font-medium"}>
                {!notification.readAt && <span className="sr-only">Nouveau : </span>}
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
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
