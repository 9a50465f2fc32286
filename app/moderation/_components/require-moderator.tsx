import { redirect } from "next/navigation";
import { can, type Action, type Actor } from "@/lib/auth/authorization";
import { getCurrentActor } from "@/lib/auth/session";

/** The signed-in moderator, or a redirect to sign-in (guests) / null with the reason (others). */
export async function requireRight(
  action: Action,
  path: string,
): Promise<{ actor: Actor } | { refusal: string }> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(path)}`);
  const decision = can(actor, action);
  return decision.allowed ? { actor } : { refusal: decision.reason };
}

export function Refusal({ reason }: { reason: string }) {
  return (
    <div className="py-16 text-center">
      <h1 className="font-serif text-3xl font-semibold">Accès refusé</h1>
      <p className="mt-3 text-muted dark:text-night-muted">{reason}</p>
    </div>
  );
}
