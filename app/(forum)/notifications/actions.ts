"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { markNotificationsRead } from "@/lib/notifications/notifications";

/**
 * « Marquer comme lue » and « Tout marquer comme lu »: plain forms, so they work without
 * JavaScript; the redirect answers the POST with the list as it now is (303, then GET).
 */
export async function markReadAction(submitted: FormData): Promise<void> {
  const form = formDataOf(submitted);
  const actor = await getCurrentActor();
  if (!actor) redirect("/connexion?callbackUrl=/notifications");
  try {
    await markNotificationsRead(getDb(), actor.id, { notification: form.get("notification") });
  } catch (error) {
    if (isAppError(error) && error.kind === "bad_request") redirect("/notifications?erreur=inconnue");
    throw error;
  }
  redirect("/notifications");
}
