import { startTransition, type FormEvent } from "react";

/**
 * With JavaScript, runs a form's action without React's reset of its fields once the action
 * ends: a refused sign-in keeps what was typed, and what is typed while the request runs is
 * not wiped when it returns. Without JavaScript the form simply posts to the same action.
 */
export function keepTypedValues(action: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
