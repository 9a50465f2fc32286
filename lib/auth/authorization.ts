import { AppError, type ErrorCode } from "../errors";

/**
 * The one place that says who may do what. Pages, route handlers, server actions and socket
 * handlers all ask `can` / `assertCan`, with the actor loaded from the session on the server,
 * never from anything a client sends.
 */
export type MemberRole = "member" | "moderator" | "admin";

export interface Actor {
  id: string;
  name: string;
  role: MemberRole;
  suspendedAt: Date | null;
  /** null with suspendedAt set: suspended until lifted. */
  suspendedUntil: Date | null;
}

/** null is a guest. */
export type MaybeActor = Actor | null;

export const actions = [
  "thread:read",
  "post:create",
  "post:edit",
  "post:delete",
  "reaction:set",
  "report:create",
  "note:read",
  "note:edit",
  "note:lock",
  "post:moderate",
  "thread:moderate",
  "article:import",
  "report:resolve",
  "user:suspend",
  "audit:read",
  "user:change-role",
  "admin:access",
] as const;
export type Action = (typeof actions)[number];

/** What the decision depends on besides the actor; each action reads the fields it needs. */
export interface ResourceContext {
  /** Author of the post being edited, deleted or reported. */
  authorId?: string;
  threadLocked?: boolean;
  noteLocked?: boolean;
  /** The member a moderation or role action targets. */
  targetUserId?: string;
  targetRole?: MemberRole | "system";
}

export type Decision = { allowed: true } | { allowed: false; code: ErrorCode; reason: string };

const allow: Decision = { allowed: true };
const deny = (code: ErrorCode, reason: string): Decision => ({ allowed: false, code, reason });

const rank: Record<MemberRole, number> = { member: 1, moderator: 2, admin: 3 };

export function isSuspended(actor: Pick<Actor, "suspendedAt" | "suspendedUntil">, now = new Date()): boolean {
  return actor.suspendedAt !== null && (actor.suspendedUntil === null || actor.suspendedUntil > now);
}

const guestWrite = deny("unauthorized:sign_in", "Connectez-vous pour participer.");
const suspendedWrite = deny(
  "forbidden:suspended",
  "Votre compte est suspendu\u202f: vous pouvez lire mais pas écrire.",
);
const suspendedStaff = deny(
  "forbidden:suspended",
  "Votre compte est suspendu\u202f: vos droits de modération le sont aussi.",
);
const staffOnly = deny("forbidden:moderator_only", "Réservé aux modérateurs.");
const adminOnly = deny("forbidden:admin_only", "Réservé aux administrateurs.");
const threadLocked = deny("forbidden:thread_locked", "Cette discussion est verrouillée.");

/** A signed-in, non-suspended member; moderators write in locked threads, members do not. */
function writer(actor: MaybeActor, context: ResourceContext, now: Date): Decision {
  if (!actor) return guestWrite;
  if (isSuspended(actor, now)) return suspendedWrite;
  if (context.threadLocked && rank[actor.role] < rank.moderator) return threadLocked;
  return allow;
}

/** A moderator or admin; a suspension takes the role's powers away with the right to write. */
function staff(actor: MaybeActor, minimum: MemberRole, now: Date): Decision {
  if (!actor) return guestWrite;
  if (rank[actor.role] < rank[minimum]) return minimum === "admin" ? adminOnly : staffOnly;
  return isSuspended(actor, now) ? suspendedStaff : allow;
}

export function can(
  actor: MaybeActor,
  action: Action,
  context: ResourceContext = {},
  now = new Date(),
): Decision {
  switch (action) {
    case "thread:read":
    case "note:read":
      return allow;
    case "post:create":
    case "reaction:set":
      return writer(actor, context, now);
    case "post:edit":
    case "post:delete": {
      const decision = writer(actor, context, now);
      if (!decision.allowed || !actor) return decision;
      return context.authorId === actor.id
        ? allow
        : deny("forbidden:not_author", "Seul l’auteur peut modifier ou supprimer ce commentaire.");
    }
    case "report:create": {
      const decision = writer(actor, {}, now);
      if (!decision.allowed || !actor) return decision;
      return context.authorId === actor.id
        ? deny("forbidden:own_post", "Vous ne pouvez pas signaler votre propre commentaire.")
        : allow;
    }
    case "note:edit": {
      const decision = writer(actor, context, now);
      if (!decision.allowed || !actor) return decision;
      return context.noteLocked ? deny("forbidden:note_locked", "Cette synthèse est verrouillée.") : allow;
    }
    case "note:lock":
    case "post:moderate":
    case "thread:moderate":
    case "article:import":
    case "report:resolve":
    case "audit:read":
      return staff(actor, "moderator", now);
    case "user:suspend": {
      const decision = staff(actor, "moderator", now);
      if (!decision.allowed || !actor) return decision;
      if (context.targetUserId === actor.id)
        return deny("forbidden:self", "Vous ne pouvez pas vous suspendre vous-même.");
      if (context.targetRole === "system")
        return deny("forbidden:system_account", "Le compte système ne peut pas être modifié.");
      // A moderator suspends members; only an admin suspends a moderator or another admin.
      if (context.targetRole && context.targetRole !== "member" && actor.role !== "admin") return adminOnly;
      return allow;
    }
    case "user:change-role": {
      const decision = staff(actor, "admin", now);
      if (!decision.allowed || !actor) return decision;
      if (context.targetUserId === actor.id)
        return deny("forbidden:self", "Vous ne pouvez pas changer votre propre rôle.");
      if (context.targetRole === "system")
        return deny("forbidden:system_account", "Le compte système ne peut pas être modifié.");
      return allow;
    }
    case "admin:access":
      return staff(actor, "admin", now);
  }
}

/** Throws the refusal as an AppError (401 for guests, 403 otherwise) so boundaries map it. */
export function assertCan(
  actor: MaybeActor,
  action: Action,
  context: ResourceContext = {},
  now = new Date(),
): void {
  const decision = can(actor, action, context, now);
  if (!decision.allowed) throw new AppError(decision.code, decision.reason, { details: { action } });
}
