"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/" })}
      className="rounded-sm px-1.5 py-1 text-muted hover:text-ink sm:px-2 dark:text-night-muted dark:hover:text-night-ink"
    >
      Se déconnecter
    </button>
  );
}
