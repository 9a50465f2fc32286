import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/session";
import { AuthCard } from "../auth-card";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Changer de mot de passe" };

export default async function ChangePasswordPage() {
  if (!(await getCurrentActor())) redirect(`/connexion?callbackUrl=${encodeURIComponent("/mot-de-passe")}`);
  return (
    <AuthCard title="Changer de mot de passe">
      <ChangePasswordForm />
    </AuthCard>
  );
}
