import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/session";
import { AuthCard } from "../auth-card";
import { safeCallbackPath } from "../safe-callback";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Créer un compte" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentActor()) redirect(callbackPath);
  return (
    <AuthCard
      title="Créer un compte"
      footer={
        <>
          Déjà membre&#8239;?{" "}
          <Link
            href={`/connexion?callbackUrl=${encodeURIComponent(callbackPath)}`}
            className="font-medium text-accent underline-offset-4 hover:underline dark:text-night-accent"
          >
            Se connecter
          </Link>
        </>
      }
    >
      <SignUpForm callbackPath={callbackPath} />
    </AuthCard>
  );
}
