"use client";

import { useActionState } from "react";
import { FormField, primaryButton } from "@/app/_components/form-field";
import { keepTypedValues } from "../keep-typed-values";
import { changePasswordAction, type ChangePasswordState } from "./actions";

export function ChangePasswordForm() {
  const [state, formAction, pending] = useActionState(changePasswordAction, {
    status: "idle",
  } as ChangePasswordState);
  const fields = state.status === "invalid" ? state.fields : {};
  return (
    <form action={formAction} onSubmit={keepTypedValues(formAction)} className="space-y-4" noValidate>
      <FormField
        name="currentPassword"
        label="Mot de passe actuel"
        type="password"
        autoComplete="current-password"
        required
        errors={fields.currentPassword}
      />
      <FormField
        name="newPassword"
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        required
        errors={fields.newPassword}
      />
      {state.status === "invalid" && (
        <p role="alert" className="rounded-lg bg-accent-soft px-3 py-2 text-sm font-medium text-ink">
          {state.message}
        </p>
      )}
      {state.status === "changed" && (
        <p role="status" className="rounded-lg bg-accent-soft px-3 py-2 text-sm text-ink">
          Mot de passe changé. Vos autres sessions sont fermées.
        </p>
      )}
      <button type="submit" className={`${primaryButton} w-full`} disabled={pending}>
        {pending ? "Enregistrement…" : "Changer le mot de passe"}
      </button>
    </form>
  );
}
