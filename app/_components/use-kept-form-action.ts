"use client";

import { startTransition, useActionState, type FormEvent } from "react";

/**
 * `useActionState` for a form whose fields must survive a refusal. React resets a form once its
 * action returns, even when the action refused the input: a member who chose « Autre », was told
 * « Précisez la raison » and filled it in then sent « Spam », the default the select had quietly
 * gone back to. With JavaScript the submission goes through `onSubmit`, which React does not
 * follow with a reset; without it, the form posts to the same server action (`formAction`).
 */
export function useKeptFormAction<State>(
  action: (previous: Awaited<State>, form: FormData) => Promise<State>,
  initial: Awaited<State>,
) {
  const [state, formAction, pending] = useActionState(action, initial);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The submitter carries `operation` for forms with several submit buttons.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(form));
  };
  return { state, formAction, onSubmit, pending };
}
