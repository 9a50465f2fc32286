"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormField, primaryButton } from "@/app/_components/form-field";
import { passwordRules } from "@/lib/auth/password-rules";
import { signUpAction, type SignUpState } from "./actions";

export function SignUpForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(signUpAction, { status: "idle" } as SignUpState);
  const [password, setPassword] = useState("");
  const [signInFailed, setSignInFailed] = useState(false);
  // The password never goes back from the server; keep it here to sign in right after sign-up.
  const submittedPassword = useRef("");

  useEffect(() => {
    if (state.status !== "created") return;
    void signIn("credentials", {
      email: state.email,
      password: submittedPassword.current,
      redirect: false,
    }).then((result) => {
      if (result?.ok && !result.error) {
        router.replace(callbackPath);
        router.refresh();
      } else {
        setSignInFailed(true);
      }
    });
  }, [state, callbackPath, router]);

  if (state.status === "created") {
    return (
      <p role="status" className="text-sm">
        {signInFailed ? (
          <>
            Votre compte est créé.{" "}
            <Link href="/connexion" className="font-medium text-accent underline dark:text-night-accent">
              Connectez-vous
            </Link>
            .
          </>
        ) : (
          "Votre compte est créé, connexion…"
        )}
      </p>
    );
  }

  const fields = state.status === "invalid" ? state.fields : {};
  const values = state.status === "invalid" ? state.values : { name: "", email: "" };

  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        submittedPassword.current = String(new FormData(event.currentTarget).get("password") ?? "");
      }}
      className="space-y-4"
      noValidate
    >
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
