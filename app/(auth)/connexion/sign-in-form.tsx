"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormField, primaryButton, secondaryButton } from "@/app/_components/form-field";
import type { OAuthProviderInfo } from "@/lib/auth/options";

interface SignInFormProps {
  callbackPath: string;
  providers: OAuthProviderInfo[];
  initialError: string | null;
}

export function SignInForm({ callbackPath, providers, initialError }: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(
        result?.error && result.error !== "CredentialsSignin"
          ? result.error
          : "La connexion a échoué. Réessayez.",
      );
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormField name="email" label="Adresse e-mail" type="email" autoComplete="email" required />
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
