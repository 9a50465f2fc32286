"use client";

import type { ReactNode } from "react";
import { useKeptFormAction } from "@/app/_components/use-kept-form-action";
import { idleState, type ActionState } from "../action-state";

interface ActionFormProps {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  /** Accessible name of the form, so each of several similar forms can be told apart. */
  label?: string;
}

/** A server-action form that shows, politely, what came of the last submission. */
export function ActionForm({ action, children, className, label }: ActionFormProps) {
  const { state, formAction, onSubmit, pending } = useKeptFormAction(action, idleState);
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      className={className}
      aria-label={label}
      aria-busy={pending || undefined}
    >
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      <p
        role="status"
        className={`text-sm ${state.status === "error" ? "font-medium text-accent dark:text-night-accent" : "text-muted dark:text-night-muted"}`}
      >
        {state.status === "idle" ? "" : state.message}
      </p>
    </form>
  );
}
