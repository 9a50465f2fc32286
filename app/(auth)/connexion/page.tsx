import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { enabledOAuthProviders } from "@/lib/auth/options";
import { getCurrentActor } from "@/lib/auth/session";
import { AuthCard } from "../auth-card";
import { safeCallbackPath } from "../safe-callback";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

const oauthErrors: Record<string, string> = {
  OAuthAccountNotLinked:
    "Cette adresse e-mail est déjà liée à un autre mode de connexion\u202f: connectez-vous comme la première fois.",
  OAuthSignin: "La connexion avec ce fournisseur a échoué. Réessayez.",
  OAuthCallback: "La connexion avec ce fournisseur a échoué. Réessayez.",
  AccessDenied: "Connexion refusée.",
};

type SearchParams = Promise<{ callbackUrl?: string; error?: string; inscrit?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getCurrentActor()) redirect(callbackPath);
  const error = params.error ? (oauthErrors[params.error] ?? null) : null;

  return (
    <AuthCard
      title="Connexion"
      footer={
        <>
          Pas encore de compte&#8239;?{" "}
          <Link
            href={`/inscription?callbackUrl=${encodeURIComponent(callbackPath)}`}
            className="font-medium text-accent underline-offset-4 hover:underline dark:text-night-accent"
          >
            Créer un compte
          </Link>
        </>
      }
    >
      {params.inscrit && (
        <p role="status" className="mb-4 rounded-lg bg-accent-soft px-3 py-2 text-sm text-ink">
          Votre compte est créé&#8239;: connectez-vous.
        </p>
      )}
      <SignInForm callbackPath={callbackPath} providers={enabledOAuthProviders()} initialError={error} />
    </AuthCard>
  );
}
