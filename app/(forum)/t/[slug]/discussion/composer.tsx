"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActionState, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { maxCommentLength } from "@/lib/posts/limits";
import { commentBodySchema, countCharacters } from "@/lib/posts/schemas";
import { postCommentAction } from "./actions";
import { useDiscussion, type Placement } from "./discussion-context";

// typing:start is repeated while the member keeps typing, so others' indicators stay on.
const typingRepeatMs = 3000;

/** Where guests are sent to sign in, coming back to the page they were reading. */
export function signInHref(path: string): string {
  return `/connexion?callbackUrl=${encodeURIComponent(path)}`;
}

export function GuestInvitation() {
  const pathname = usePathname();
  return (
    <p className="mt-4 rounded-lg border border-dashed border-line px-4 py-3 text-sm text-muted dark:border-night-line dark:text-night-muted">
      <Link
        href={signInHref(pathname)}
        className="font-medium text-accent underline underline-offset-2 dark:text-night-accent"
      >
        Connectez-vous pour participer
      </Link>{" "}
      à la discussion.
    </p>
  );
}

/**
 * Writes a comment or a reply. Checked with the server's own schema before sending; sent
 * through the outbox, so it shows at once (pending), survives a lost connection, and is
 * marked published when the server acknowledges it. Before the page runs (and so without
 * JavaScript) the same form posts to `postCommentAction` instead.
 */
export function Composer({
  where,
  label,
  onDone,
  autoFocus,
  initialBody = "",
  submitLabel = "Publier",
  onSubmitBody,
}: {
  where: Placement;
  label: string;
  onDone?: () => void;
  autoFocus?: boolean;
  initialBody?: string;
  submitLabel?: string;
  /** For editing: sends the body elsewhere than a new comment; resolves with a refusal or null. */
  onSubmitBody?: (body: string) => Promise<{ message: string } | null>;
}) {
  const { viewer, locked, actions, state } = useDiscussion();
  const [posted, postAction] = useActionState(postCommentAction, { status: "idle" });
  const [body, setBody] = useState(initialBody);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lastTyping = useRef(0);
  const fieldId = useId();
  const errorId = useId();
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) area.current?.focus();
  }, [autoFocus]);
  // Leaving the composer (reply sent, cancelled, page left) ends the typing signal.
  const latest = useRef({ actions, where });
  useEffect(() => {
    latest.current = { actions, where };
  });
  useEffect(
    () => () => {
      if (lastTyping.current) latest.current.actions.typing(latest.current.where, false);
    },
    [],
  );

  if (!viewer) return null;
  if (locked) {
    return <p className="mt-3 text-sm text-muted dark:text-night-muted">Cette discussion est verrouillée.</p>;
  }

  const length = countCharacters(body);
  const shownError = error ?? (posted.status === "error" ? posted.message : null);
  const onChange = (value: string) => {
    setBody(value);
    setError(null);
    if (onSubmitBody) return;
    const now = Date.now();
    if (value.trim() && now - lastTyping.current > typingRepeatMs) {
      lastTyping.current = now;
      actions.typing(where, true);
    } else if (!value.trim() && lastTyping.current) {
      lastTyping.current = 0;
      actions.typing(where, false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = commentBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Commentaire invalide.");
      return;
    }
    if (onSubmitBody) {
      setBusy(true);
      const failure = await onSubmitBody(parsed.data);
      setBusy(false);
      if (failure) return setError(failure.message);
    } else {
      actions.sendComment(where, parsed.data);
      lastTyping.current = 0;
      actions.typing(where, false);
    }
    setBody("");
    onDone?.();
  };

  return (
    <form
      action={onSubmitBody ? undefined : postAction}
      onSubmit={(event) => void submit(event)}
      className="mt-3 space-y-2"
      noValidate
    >
      {!onSubmitBody && (
        <>
          <input type="hidden" name="threadId" value={state.threadId} />
          <input type="hidden" name="takeawayId" value={where.takeawayId ?? ""} />
          <input type="hidden" name="parentId" value={where.parentId ?? ""} />
        </>
      )}
      <label htmlFor={fieldId} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={fieldId}
        name="body"
        ref={area}
        value={body}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => !onSubmitBody && actions.typing(where, false)}
        onKeyDown={(event) => {
          // Ctrl+Enter (Cmd+Enter on a Mac) sends, as in most places one writes messages.
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
        rows={3}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? errorId : undefined}
        className="block w-full resize-y rounded-lg border border-line bg-white px-3 py-2 font-serif text-base leading-relaxed dark:border-night-line dark:bg-night"
        placeholder="Votre avis, en Markdown (**gras**, *italique*, listes, liens, > citations)"
      />
      {shownError && (
        <p id={errorId} role="alert" className="text-sm text-accent dark:text-night-accent">
          {shownError}
        </p>
      )}
      <div className="flex items-center justify-between gap-3">
        <span
          className={`text-xs tabular-nums ${length > maxCommentLength ? "text-accent" : "text-muted dark:text-night-muted"}`}
        >
          {length > maxCommentLength * 0.8 ? `${length} / ${maxCommentLength}` : ""}
        </span>
        <div className="flex gap-2">
          {onDone && (
            <button
              type="button"
              onClick={onDone}
              className="rounded-md px-3 py-1.5 text-sm text-muted hover:text-ink dark:text-night-muted dark:hover:text-night-ink"
            >
              Annuler
            </button>
          )}
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent/90 disabled:opacity-60 dark:bg-night-accent dark:text-night"
          >
            {submitLabel}
          </button>
        </div>
      </div>
    </form>
  );
}

export function TypingIndicator({ discussion }: { discussion: string }) {
  const { typing } = useDiscussion();
  const names = typing[discussion] ?? [];
  let text = "";
  if (names.length === 1) text = `${names[0]} est en train d’écrire…`;
  else if (names.length === 2) text = `${names[0]} et ${names[1]} sont en train d’écrire…`;
  else if (names.length > 2) text = `${names.length}\u00a0personnes sont en train d’écrire…`;
  return <p className="min-h-5 text-sm text-muted italic dark:text-night-muted">{text}</p>;
}
