"use client";

import { useActionState } from "react";
import { ofName } from "@/lib/format/french";
import { changeRoleAction, type ChangeRoleState } from "./actions";

const roleLabels = { member: "Membre", moderator: "Modérateur·rice", admin: "Administrateur·rice" } as const;

export function RoleForm({
  userId,
  name,
  role,
  disabled,
}: {
  userId: string;
  name: string;
  role: string;
  disabled: boolean;
}) {
  const [state, action, pending] = useActionState(changeRoleAction, { status: "idle" } as ChangeRoleState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Rôle {ofName(name)}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        disabled={disabled}
        className="rounded-lg border border-line bg-white px-2 py-1.5 text-sm dark:border-night-line dark:bg-night-raised"
      >
        {Object.entries(roleLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={disabled || pending}
        className="rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:border-accent/50 disabled:opacity-50 dark:border-night-line"
      >
        Enregistrer
      </button>
      <span
        role="status"
        className={`text-sm ${state.status === "error" ? "text-accent dark:text-night-accent" : "text-muted dark:text-night-muted"}`}
      >
        {state.status === "idle" ? "" : state.message}
      </span>
    </form>
  );
}
