"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import {
  featurePost,
  hidePost,
  movePost,
  restorePost,
  unfeaturePost,
} from "@/lib/moderation/post-moderation";
import { reportPost, resolveReports } from "@/lib/moderation/reports";
import { liftSuspension, suspendUser } from "@/lib/moderation/suspensions";
import {
  archiveThread,
  editThread,
  lockThread,
  pinThread,
  setThreadTags,
  unarchiveThread,
  unlockThread,
  unpinThread,
} from "@/lib/moderation/thread-moderation";
import { formObject, ownEntry, runAction, type ActionState } from "./action-state";

// Thin server actions: the session says who acts, lib/moderation checks the right and does it.

const threadOperations = {
  pin: [pinThread, "Discussion épinglée."],
  unpin: [unpinThread, "Discussion désépinglée."],
  lock: [lockThread, "Discussion verrouillée."],
  unlock: [unlockThread, "Discussion déverrouillée."],
  archive: [archiveThread, "Discussion archivée."],
  unarchive: [unarchiveThread, "Discussion désarchivée."],
  edit: [editThread, "Titre et introduction enregistrés."],
} as const;

export async function moderateThreadAction(
  _previous: ActionState,
  submitted: FormData,
): Promise<ActionState> {
  const form = formDataOf(submitted);
  const input = formObject(form);
  const entry = ownEntry(threadOperations, input.operation);
  if (!entry) return { status: "error", message: "Action inconnue." };
  const [operation, message] = entry;
  const state = await runAction(async () => operation(getDb(), await getCurrentActor(), input), message);
  revalidatePath("/", "layout");
  return state;
}

export async function setThreadTagsAction(_previous: ActionState, submitted: FormData): Promise<ActionState> {
  const form = formDataOf(submitted);
  const input = formObject(form);
  const tags = (input.tags ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  const state = await runAction(
    async () => setThreadTags(getDb(), await getCurrentActor(), { threadId: input.threadId, tags }),
    "Sujets enregistrés.",
  );
  revalidatePath("/", "layout");
  return state;
}

const postOperations = {
  hide: [hidePost, "Commentaire masqué."],
  restore: [restorePost, "Commentaire rétabli."],
  feature: [featurePost, "Commentaire mis en avant."],
  unfeature: [unfeaturePost, "Mise en avant retirée."],
} as const;

export async function moderatePostAction(_previous: ActionState, submitted: FormData): Promise<ActionState> {
  const form = formDataOf(submitted);
  const input = formObject(form);
  if (input.operation === "move") {
    return runAction(
      async () =>
        movePost(getDb(), await getCurrentActor(), {
          postId: input.postId,
          takeawayId: input.takeawayId || null,
        }),
      "Commentaire déplacé.",
    );
  }
  const entry = ownEntry(postOperations, input.operation);
  if (!entry) return { status: "error", message: "Action inconnue." };
  const [operation, message] = entry;
  return runAction(async () => operation(getDb(), await getCurrentActor(), input), message);
}

export async function reportPostAction(_previous: ActionState, submitted: FormData): Promise<ActionState> {
  const form = formDataOf(submitted);
  return runAction(
    async () => reportPost(getDb(), await getCurrentActor(), formObject(form)),
    "Merci\u202f: les modérateurs examineront ce commentaire.",
  );
}

export async function resolveReportsAction(
  _previous: ActionState,
  submitted: FormData,
): Promise<ActionState> {
  const form = formDataOf(submitted);
  const input = formObject(form);
  const state = await runAction(
    async () =>
      resolveReports(getDb(), await getCurrentActor(), {
        ...input,
        suspendDays: input.suspendDays ? input.suspendDays : null,
      }),
    "Signalements traités.",
  );
  revalidatePath("/moderation");
  return state;
}

export async function suspendUserAction(_previous: ActionState, submitted: FormData): Promise<ActionState> {
  const form = formDataOf(submitted);
  const input = formObject(form);
  const state = await runAction(
    async () =>
      suspendUser(getDb(), await getCurrentActor(), { ...input, days: input.days ? input.days : null }),
    "Membre suspendu.",
  );
  revalidatePath(`/membres/${input.userId}`);
  return state;
}

export async function liftSuspensionAction(
  _previous: ActionState,
  submitted: FormData,
): Promise<ActionState> {
  const form = formDataOf(submitted);
  const input = formObject(form);
  const state = await runAction(
    async () => liftSuspension(getDb(), await getCurrentActor(), input),
    "Suspension levée.",
  );
  revalidatePath(`/membres/${input.userId}`);
  return state;
}
