"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import { toErrorBody } from "@/lib/errors";
import { admitComment } from "@/lib/posts/comment-admission";
import { createComment } from "@/lib/posts/create-comment";
import { chargePersistedBudget } from "@/lib/rate-limit/persisted-budget";
import { createCommentSchema, setStanceSchema, toggleReactionSchema } from "@/lib/posts/schemas";
import type { ThreadChange } from "@/lib/posts/types";
import { setStance, toggleReaction } from "@/lib/reactions/react";
import { publishToThread } from "@/lib/realtime/publish";
import { locatePost } from "@/lib/threads/locate";
import { formLimits } from "./form-limits";

/**
 * The discussion's writes for browsers without JavaScript: the same lib operations as the
 * socket handlers (lib/realtime/posts-handler.ts), the same broadcast to the thread's room, then
 * a redirect to where the change shows. With JavaScript the page never posts here: it sends
 * over its socket, which keeps the outbox and the live status.
 */

export type DiscussionFormState = { status: "idle" } | { status: "error"; message: string };

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function broadcast(change: ThreadChange | null) {
  if (!change) return;
  if (change.type === "reactions:updated") publishToThread(change.threadId, "reactions:updated", change);
  else publishToThread(change.post.threadId, change.type, change);
}

async function run(write: () => Promise<string>): Promise<DiscussionFormState> {
  let location: string;
  try {
    location = await write();
  } catch (error) {
    return { status: "error", message: toErrorBody(error).message };
  }
  redirect(location);
}

function invalid(issues: { message: string }[]): DiscussionFormState {
  return { status: "error", message: issues[0]?.message ?? "Demande invalide." };
}

export async function postCommentAction(
  _previous: DiscussionFormState,
  submitted: FormData,
): Promise<DiscussionFormState> {
  const form = formDataOf(submitted);
  const parsed = createCommentSchema.safeParse({
    threadId: field(form, "threadId"),
    // A page without JavaScript has no outbox to retry from: each post is its own.
    clientId: field(form, "clientId") ?? randomUUID(),
    takeawayId: field(form, "takeawayId") ?? null,
    parentId: field(form, "parentId") ?? null,
    body: form.get("body") ?? "",
  });
  if (!parsed.success) return invalid(parsed.error.issues);
  return run(async () => {
    const actor = await getCurrentActor();
    const { post, change } = await createComment(getDb(), actor && { id: actor.id }, parsed.data, {
      admit: admitComment(formLimits().comment),
    });
    broadcast(change);
    return (await locatePost(getDb(), post.id)) ?? "/";
  });
}

export async function reactAction(
  _previous: DiscussionFormState,
  submitted: FormData,
): Promise<DiscussionFormState> {
  const form = formDataOf(submitted);
  const postId = field(form, "postId");
  const stance = form.get("stance");
  const parsed =
    stance === null
      ? toggleReactionSchema.safeParse({ postId, emoji: field(form, "emoji") })
      : setStanceSchema.safeParse({ postId, stance: stance === "" ? null : stance });
  if (!parsed.success) return invalid(parsed.error.issues);
  return run(async () => {
    const actor = await getCurrentActor();
    if (actor) {
      formLimits().reaction.takeOrThrow(actor.id);
      await chargePersistedBudget(getDb(), formLimits().reaction, actor.id);
    }
    const result =
      "emoji" in parsed.data
        ? await toggleReaction(getDb(), actor, parsed.data)
        : await setStance(getDb(), actor, parsed.data);
    broadcast(result.change);
    return (await locatePost(getDb(), result.postId)) ?? "/";
  });
}
