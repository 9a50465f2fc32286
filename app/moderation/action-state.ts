import { formDataOf } from "@/app/_lib/form-data";
import { toErrorBody } from "@/lib/errors";

export type ActionState =
  | { status: "idle" }
  | { status: "done"; message: string }
  | { status: "error"; message: string; fields?: Record<string, string[]> };

export const idleState: ActionState = { status: "idle" };

/** Runs a moderation operation for a server action and turns its outcome into form state. */
export async function runAction(
  operation: () => Promise<unknown>,
  doneMessage: string,
): Promise<ActionState> {
  try {
    await operation();
    return { status: "done", message: doneMessage };
  } catch (error) {
    const body = toErrorBody(error);
    return {
      status: "error",
      message: body.message,
      fields: body.details?.fields as Record<string, string[]> | undefined,
    };
  }
}

export function formObject(form: unknown): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [key, value] of formDataOf(form)) if (typeof value === "string") object[key] = value;
  return object;
}

/**
 * The entry a form field names in a table of operations, or undefined. Own keys only: a forged
 * `operation=__proto__` (or `toString`) must read as an unknown action, not as Object.prototype.
 */
export function ownEntry<T extends object>(table: T, key: string | undefined): T[keyof T] | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}
