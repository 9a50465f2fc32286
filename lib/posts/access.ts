import {
  assertCan,
  type Action,
  type Actor,
  type MaybeActor,
  type ResourceContext,
} from "../auth/authorization";
import { AppError } from "../errors";

/** `assertCan` that hands back the signed-in actor, typed, for the writes that need one. */
export function assertActorCan(actor: MaybeActor, action: Action, context: ResourceContext = {}): Actor {
  assertCan(actor, action, context);
  if (!actor) throw new AppError("unauthorized:sign_in", "Connectez-vous pour participer.");
  return actor;
}
