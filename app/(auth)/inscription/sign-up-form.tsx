"use client";

import { useActionState, useState } from "react";
import { FormField, primaryButton } from "@/app/_components/form-field";
import { passwordRules } from "@/lib/auth/password-rules";
import { keepTypedValues } from "../keep-typed-values";
import { signUpAction, type SignUpState } from "./actions";

export function SignUpForm({ callbackPath }: { callbackPath: string }) {
  const [state, formAction, pending] = useActionState(signUpAction, { status: "idle" } as SignUpState);
  const [password, setPassword] = useState("");

  const fields = state.status === "invalid" ? state.fields : {};
  const values = state.status === "invalid" ? state.values : { name: "", email: "" };

  return (
    // A server action that creates the account and signs it in: one POST, with or without JavaScript.
    <form action={formAction} onSubmit={keepTypedValues(formAction)} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      <FormField
        name="name"
        label="Nom affiché"
        autoComplete="nickname"
        required
        defaultValue={values.name}
        errors={fields.name}
      />
      <FormField
        name="email"
        label="Adresse e-mail"
        type="email"
        autoComplete="email"
        required
        defaultValue={values.email}
        errors={fields.email}
      />
      <FormField
        name="password"
        label="Mot de passe"
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={fields.password}
        hint={
          <ul aria-label="Règles à respecter" className="space-y-0.5">
            {passwordRules.map((rule) => {
              const met = rule.test(password);
              return (
                <li key={rule.id} className={met && password ? "text-ink dark:text-night-ink" : undefined}>
                  <span aria-hidden="true">{met && password ? "✓" : "•"}</span> {rule.label}
                  <span className="sr-only">{met && password ? " (respecté)" : ""}</span>
                </li>
              );
            })}
          </ul>
        }
      />
      {state.status === "invalid" && (
        <p role="alert" className="rounded-lg bg-accent-soft px-3 py-2 text-sm font-medium text-ink">
          {state.message}
        </p>
      )}
      <button type="submit" className={`${primaryButton} w-full`} disabled={pending}>
        {pending ? "Création…" : "Créer mon compte"}
      </button>
    </form>
  );
}
