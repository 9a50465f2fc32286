"use client";

import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { FormField, primaryButton, secondaryButton } from "@/app/_components/form-field";
import type { OAuthProviderInfo } from "@/lib/auth/options";
import { keepTypedValues } from "../keep-typed-values";
import { signInAction, type SignInState } from "../session-actions";

interface SignInFormProps {
  callbackPath: string;
  providers: OAuthProviderInfo[];
  initialError: string | null;
}

export function SignInForm({ callbackPath, providers, initialError }: SignInFormProps) {
  const [state, formAction, pending] = useActionState(signInAction, { status: "idle" } as SignInState);
  const error = state.status === "refused" ? state.message : initialError;

  return (
    <div className="space-y-6">
      {/* A server action: a POST with or without JavaScript, never the password in a URL. */}
      <form action={formAction} onSubmit={keepTypedValues(formAction)} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <FormField
          name="email"
          label="Adresse e-mail"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.status === "refused" ? state.email : undefined}
        />
        <FormField
          name="password"
          label="Mot de passe"
          type="password"
          autoComplete="current-password"
          required
        />
        {error && (
          <p role="alert" className="rounded-lg bg-accent-soft px-3 py-2 text-sm font-medium text-ink">
            {error}
          </p>
        )}
        <button type="submit" className={`${primaryButton} w-full`} disabled={pending}>
          {pending ? "Connexion…" : "Se connecter"}
        </button>
      </form>
      {providers.length > 0 && (
        <div className="space-y-2 border-t border-line pt-6 dark:border-night-line">
          {providers.map((provider) => (
            <button
              key={provider.id}
              type="button"
              className={`${secondaryButton} w-full`}
              onClick={() => void signIn(provider.id, { callbackUrl: callbackPath })}
            >
              Continuer avec {provider.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
