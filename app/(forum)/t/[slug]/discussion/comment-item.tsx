"use client";

import { useEffect, useId, useState } from "react";
import { visibleReplyDepth } from "@/lib/posts/limits";
import { CommentModeration, ReportControl } from "./comment-moderation";
import { useDiscussion } from "./discussion-context";
import { visiblePending } from "./discussion-store";
import { CommentBody, RelativeTime } from "./comment-body";
import { Composer } from "./composer";
import { PendingComment } from "./pending-comment";
import { EmojiReactions, StanceButtons } from "./reaction-bar";

export const commentAnchor = (id: string) => `c-${id}`;
export const permalink = (slug: string, id: string) => `/t/${slug}?c=${id}#${commentAnchor(id)}`;
export const branchHref = (slug: string, id: string) => `/t/${slug}/c/${id}`;

const linkClasses = "rounded-sm text-accent underline-offset-2 hover:underline dark:text-night-accent";
// At least 24 px tall, the smallest target WCAG 2.5.8 allows (phones made them 20).
const actionClasses =
  "inline-flex min-h-6 items-center rounded-sm text-sm text-muted hover:text-ink dark:text-night-muted dark:hover:text-night-ink";

/**
 * One comment and its replies, as a nested list item. Past five levels under where the tree
 * starts (`baseDepth`), replies open on their own page ("continuer cette conversation").
 */
export function CommentItem({ id, baseDepth }: { id: string; baseDepth: number }) {
  const { state, slug, viewer, locked, live, actions, dispatch } = useDiscussion();
  const post = state.posts[id];
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [reacting, setReacting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const repliesId = useId();
  const fresh = Boolean(state.fresh[id]);

  useEffect(() => {
    if (!fresh) return;
    const timer = setTimeout(() => dispatch({ type: "seen", postId: id }), 6000);
    return () => clearTimeout(timer);
  }, [fresh, id, dispatch]);

  if (!post) return null;
  const childIds = state.children[id] ?? [];
  const pendingReplies = visiblePending(state, { takeawayId: post.takeawayId, parentId: id });
  // A tombstone keeps replies in their place; with none to keep, a deleted comment simply goes.
  if (
    post.state === "deleted" &&
    post.replyCount === 0 &&
    childIds.length === 0 &&
    pendingReplies.length === 0
  )
    return null;
  const atEdge = post.depth - baseDepth >= visibleReplyDepth;
  const hiddenReplies = Math.max(0, post.replyCount - childIds.length);
  const visible = post.state === "visible";
  const mine = viewer !== null && post.author?.id === viewer.id;
  const canWrite = Boolean(viewer) && live && !locked;

  const remove = async () => {
    const failure = await actions.deleteComment(post.id);
    setConfirmingDelete(false);
    setError(failure?.message ?? null);
  };

  return (
    <li id={commentAnchor(id)} className="scroll-mt-6">
      <article
        aria-label={post.author ? `Commentaire de ${post.author.name}` : "Commentaire supprimé"}
        className={`rounded-lg px-3 py-2 transition-colors duration-1000 ${fresh ? "bg-accent-soft/70 dark:bg-night-line/60" : ""}`}
      >
        <header className="flex flex-wrap items-baseline gap-x-2 text-sm text-muted dark:text-night-muted">
          <span className="font-semibold text-ink dark:text-night-ink">{post.author?.name ?? "—"}</span>
          <a
            href={permalink(slug, id)}
            className="rounded-sm hover:underline"
            aria-label="Lien vers ce commentaire"
          >
            <RelativeTime iso={post.createdAt} />
          </a>
          {post.editedAt && (
            <span title={`Modifié le ${new Date(post.editedAt).toLocaleString("fr-FR")}`}>· modifié</span>
          )}
          {post.featured && (
            <span className="font-medium text-accent dark:text-night-accent">· mis en avant</span>
          )}
          {state.confirmed[id] && <span aria-label="Publié">· publié ✓</span>}
          {fresh && <span className="font-medium text-accent dark:text-night-accent">· nouveau</span>}
        </header>
        {editing ? (
          <Composer
            where={{ takeawayId: post.takeawayId, parentId: post.parentId }}
            label="Modifier votre commentaire"
            initialBody={post.body}
            submitLabel="Enregistrer"
            autoFocus
            onDone={() => setEditing(false)}
            onSubmitBody={(body) => actions.editComment(post.id, body)}
          />
        ) : (
          <div className="mt-1">
            <CommentBody post={post} />
          </div>
        )}
        {visible && !editing && (
          <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2">
            <EmojiReactions post={post} showAll={reacting} />
            <StanceButtons postId={post.id} summary={post.reactions} isTakeaway={false} showAll={reacting} />
            {canWrite && (
              <button
                type="button"
                className={actionClasses}
                aria-expanded={reacting}
                onClick={() => setReacting((on) => !on)}
              >
                {reacting ? "Fermer les réactions" : "Réagir"}
              </button>
            )}
            {!live && viewer && !locked && (
              // Without JavaScript the palette opens as a <details>; each choice is a form.
              <details>
                <summary className={`${actionClasses} cursor-pointer`}>Réagir</summary>
                <div className="mt-2 flex flex-wrap gap-2">
                  <EmojiReactions post={post} showAll />
                  <StanceButtons postId={post.id} summary={post.reactions} isTakeaway={false} />
                </div>
              </details>
            )}
            {canWrite && (
              <button type="button" className={actionClasses} onClick={() => setReplying((on) => !on)}>
                Répondre
              </button>
            )}
            {viewer && !mine && post.author && <ReportControl post={post} />}
            {viewer?.canModerate && <CommentModeration post={post} />}
            {mine && live && !locked && (
              <>
                <button type="button" className={actionClasses} onClick={() => setEditing(true)}>
                  Modifier
                </button>
                {confirmingDelete ? (
                  <span className="flex gap-2 text-sm">
                    <button
                      type="button"
                      className="font-medium text-accent dark:text-night-accent"
                      onClick={() => void remove()}
                    >
                      Confirmer la suppression
                    </button>
                    <button
                      type="button"
                      className={actionClasses}
                      onClick={() => setConfirmingDelete(false)}
                    >
                      Garder
                    </button>
                  </span>
                ) : (
                  <button type="button" className={actionClasses} onClick={() => setConfirmingDelete(true)}>
                    Supprimer
                  </button>
                )}
              </>
            )}
          </div>
        )}
        {error && (
          <p role="alert" className="mt-1 text-sm text-accent dark:text-night-accent">
            {error}
          </p>
        )}
        {replying && (
          <Composer
            where={{ takeawayId: post.takeawayId, parentId: post.id }}
            label={`Répondre à ${post.author?.name ?? "ce commentaire"}`}
            autoFocus
            onDone={() => setReplying(false)}
          />
        )}
      </article>
      {atEdge && post.replyCount > 0 ? (
        <p className="mt-1 ml-3 text-sm">
          <a href={branchHref(slug, id)} className={linkClasses}>
            Continuer cette conversation ({post.replyCount}&nbsp;réponse{post.replyCount > 1 ? "s" : ""}) →
          </a>
        </p>
      ) : (
        (childIds.length > 0 || pendingReplies.length > 0 || hiddenReplies > 0) && (
          <div className="ml-2 border-l-2 border-line pl-2 sm:ml-3 sm:pl-3 dark:border-night-line">
            {childIds.length > 1 && (
              <button
                type="button"
                className={`${actionClasses} mt-1`}
                aria-expanded={!collapsed}
                aria-controls={repliesId}
                onClick={() => setCollapsed((on) => !on)}
              >
                {collapsed ? `Déplier les ${childIds.length} réponses` : "Replier les réponses"}
              </button>
            )}
            <ol
              id={repliesId}
              hidden={collapsed}
              aria-label={`Réponses à ${post.author?.name ?? "un commentaire supprimé"}`}
              className="space-y-1"
            >
              {childIds.map((childId) => (
                <CommentItem key={childId} id={childId} baseDepth={baseDepth} />
              ))}
              {pendingReplies.map((item) => (
                <PendingComment key={item.clientId} item={item} />
              ))}
            </ol>
            {hiddenReplies > 0 && !collapsed && (
              <p className="mt-1 text-sm">
                <a href={branchHref(slug, id)} className={linkClasses}>
                  Voir {hiddenReplies === 1 ? "l’autre réponse" : `les ${hiddenReplies} autres réponses`} →
                </a>
              </p>
            )}
          </div>
        )
      )}
    </li>
  );
}
