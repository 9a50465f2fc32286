"use client";

import { useState } from "react";
import { useKeptFormAction } from "@/app/_components/use-kept-form-action";
import { idleState, type ActionState } from "@/app/moderation/action-state";
import { moderatePostAction, reportPostAction } from "@/app/moderation/actions";
import { reportReasonLabels } from "@/lib/moderation/schemas";
import type { PostView } from "@/lib/posts/types";
import { useDiscussion } from "./discussion-context";

// At least 24 px tall, like the other comment actions (WCAG 2.5.8).
const actionClasses =
  "inline-flex min-h-6 items-center text-sm text-muted underline-offset-2 hover:text-ink hover:underline dark:text-night-muted dark:hover:text-night-ink";
const field = "rounded-md border border-line bg-white px-2 py-1 text-sm dark:border-night-line dark:bg-night";

function Status({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  return (
    <p
      role="status"
      className={`text-sm ${state.status === "error" ? "font-medium text-accent dark:text-night-accent" : "text-muted dark:text-night-muted"}`}
    >
      {state.message}
    </p>
  );
}

/**
 * A member reports someone else's comment to the moderators, once, with a reason. Before the
 * page runs (and so without JavaScript) the form sits in a <details> and posts to the same
 * server action.
 */
export function ReportControl({ post }: { post: PostView }) {
  const { live } = useDiscussion();
  const [open, setOpen] = useState(false);
  const { state, formAction, onSubmit, pending } = useKeptFormAction(reportPostAction, idleState);
  const author = post.author?.name ?? "ce membre";
  if (state.status === "done") return <Status state={state} />;
  const form = (
    <form
      action={formAction}
      onSubmit={onSubmit}
      aria-label={`Signaler le commentaire de ${author}`}
      className="flex w-full flex-wrap items-end gap-2"
    >
      <input type="hidden" name="postId" value={post.id} />
      <label className="flex flex-col gap-1 text-sm">
        Raison
        <select name="reason" className={field} defaultValue="spam">
          {Object.entries(reportReasonLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
        Précisions (facultatives, sauf pour «&#8239;Autre&#8239;»)
        <input name="text" maxLength={1000} className={field} />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-line px-3 py-1 text-sm font-medium dark:border-night-line"
      >
        Envoyer le signalement
      </button>
      <Status state={state} />
    </form>
  );
  if (!live) {
    return (
      <details open={state.status === "error"}>
        <summary className={`${actionClasses} cursor-pointer`}>Signaler</summary>
        {form}
      </details>
    );
  }
  return (
    <span className="contents">
      <button
        type="button"
        className={actionClasses}
        aria-expanded={open}
        onClick={() => setOpen((on) => !on)}
      >
        Signaler
      </button>
      {open && form}
    </span>
  );
}

/** Moderators' tools on a comment: hide with a reason or restore, feature, move. */
export function CommentModeration({ post }: { post: PostView }) {
  const { takeawayNumbers } = useDiscussion();
  const [open, setOpen] = useState(false);
  const { state, formAction, onSubmit, pending } = useKeptFormAction(moderatePostAction, idleState);
  const author = post.author?.name ?? "ce membre";
  const hidden = post.state === "hidden";
  return (
    <span className="contents">
      <button
        type="button"
        className={actionClasses}
        aria-expanded={open}
        onClick={() => setOpen((on) => !on)}
      >
        Modérer
      </button>
      {open && (
        <div className="flex w-full flex-col gap-2 rounded-md border border-dashed border-accent/40 p-2 dark:border-night-accent/40">
          <form
            action={formAction}
            onSubmit={onSubmit}
            aria-label={`Modérer le commentaire de ${author}`}
            className="flex flex-wrap items-end gap-2"
          >
            <input type="hidden" name="postId" value={post.id} />
            {hidden ? (
              <button
                type="submit"
                name="operation"
                value="restore"
                disabled={pending}
                className={actionClasses}
              >
                Rétablir
              </button>
            ) : (
              <>
                <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
                  Raison du masquage (visible par l’auteur, les personnes qui l’ont signalé et les
                  modérateurs)
                  <input name="reason" maxLength={500} className={field} />
                </label>
                <button
                  type="submit"
                  name="operation"
                  value="hide"
                  disabled={pending}
                  className="rounded-md border border-line px-3 py-1 text-sm font-medium dark:border-night-line"
                >
                  Masquer
                </button>
              </>
            )}
            <button
              type="submit"
              name="operation"
              value={post.featured ? "unfeature" : "feature"}
              disabled={pending}
              className={actionClasses}
            >
              {post.featured ? "Retirer la mise en avant" : "Mettre en avant"}
            </button>
          </form>
          {post.parentId === null && (
            <form
              action={formAction}
              onSubmit={onSubmit}
              aria-label={`Déplacer le commentaire de ${author}`}
              className="flex flex-wrap items-end gap-2"
            >
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="operation" value="move" />
              <label className="flex flex-col gap-1 text-sm">
                Déplacer vers
                <select name="takeawayId" className={field} defaultValue={post.takeawayId ?? ""}>
                  <option value="">L’article en général</option>
                  {Object.entries(takeawayNumbers).map(([id, number]) => (
                    <option key={id} value={id}>
                      Point {number}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={pending} className={actionClasses}>
                Déplacer
              </button>
            </form>
          )}
          <Status state={state} />
        </div>
      )}
    </span>
  );
}
