"use server";

import { formDataOf } from "@/app/_lib/form-data";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { getCurrentActor } from "@/lib/auth/session";
import { toErrorBody } from "@/lib/errors";
import { ofName } from "@/lib/format/french";
import { changeUserRole } from "@/lib/users/change-role";

export type ChangeRoleState =
  { status: "idle" } | { status: "saved"; message: string } | { status: "error"; message: string };

export async function changeRoleAction(
  _previous: ChangeRoleState,
  submitted: FormData,
): Promise<ChangeRoleState> {
  const form = formDataOf(submitted);
  try {
    const updated = await changeUserRole(getDb(), await getCurrentActor(), {
      userId: form.get("userId"),
      role: form.get("role"),
    });
    revalidatePath("/admin/membres");
    return { status: "saved", message: `Rôle ${ofName(updated.name)} enregistré.` };
  } catch (error) {
    return { status: "error", message: toErrorBody(error).message };
  }
}
