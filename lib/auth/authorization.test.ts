import { describe, expect, it } from "vitest";
import {
  actions,
  assertCan,
  can,
  isSuspended,
  type Action,
  type Actor,
  type MaybeActor,
} from "./authorization";
import { AppError } from "../errors";

const now = new Date("2026-11-26T12:00:00Z");
const member: Actor = { id: "m", name: "Membre", role: "member", suspendedAt: null, suspendedUntil: null };
const suspended: Actor = {
  ...member,
  id: "s",
  suspendedAt: new Date("2026-11-20T00:00:00Z"),
  suspendedUntil: null,
};
const moderator: Actor = { ...member, id: "mod", role: "moderator" };
const admin: Actor = { ...member, id: "adm", role: "admin" };

const actors: Record<string, MaybeActor> = { guest: null, member, suspended, moderator, admin };
type Who = keyof typeof actors;

/**
 * Expected outcome for each action on a neutral resource (another member's post in an open
 * thread, a member as target): the code of the refusal, or "ok".
 */
const matrix: Record<Action, Record<Who, string>> = {
  "thread:read": { guest: "ok", member: "ok", suspended: "ok", moderator: "ok", admin: "ok" },
  "note:read": { guest: "ok", member: "ok", suspended: "ok", moderator: "ok", admin: "ok" },
  "post:create": {
    guest: "unauthorized:sign_in",
    member: "ok",
    suspended: "forbidden:suspended",
    moderator: "ok",
    admin: "ok",
  },
  "reaction:set": {
    guest: "unauthorized:sign_in",
    member: "ok",
    suspended: "forbidden:suspended",
    moderator: "ok",
    admin: "ok",
  },
  "note:edit": {
    guest: "unauthorized:sign_in",
    member: "ok",
    suspended: "forbidden:suspended",
    moderator: "ok",
    admin: "ok",
  },
  "report:create": {
    guest: "unauthorized:sign_in",
    member: "ok",
    suspended: "forbidden:suspended",
    moderator: "ok",
    admin: "ok",
  },
  "post:edit": {
    guest: "unauthorized:sign_in",
    member: "forbidden:not_author",
    suspended: "forbidden:suspended",
    moderator: "forbidden:not_author",
    admin: "forbidden:not_author",
  },
  "post:delete": {
    guest: "unauthorized:sign_in",
    member: "forbidden:not_author",
    suspended: "forbidden:suspended",
    moderator: "forbidden:not_author",
    admin: "forbidden:not_author",
  },
  "note:lock": staffRow(),
  "post:moderate": staffRow(),
  "thread:moderate": staffRow(),
  "article:import": staffRow(),
  "report:resolve": staffRow(),
  "audit:read": staffRow(),
  "user:suspend": staffRow(),
  "user:change-role": adminRow(),
  "admin:access": adminRow(),
};

function staffRow(): Record<Who, string> {
  return {
    guest: "unauthorized:sign_in",
    member: "forbidden:moderator_only",
    suspended: "forbidden:moderator_only",
    moderator: "ok",
    admin: "ok",
  };
}
function adminRow(): Record<Who, string> {
  return {
    guest: "unauthorized:sign_in",
    member: "forbidden:admin_only",
    suspended: "forbidden:admin_only",
    moderator: "forbidden:admin_only",
    admin: "ok",
  };
}

const outcome = (actor: MaybeActor, action: Action, context = {}) => {
  const decision = can(
    actor,
    action,
    { authorId: "someone-else", targetUserId: "target", targetRole: "member", ...context },
    now,
  );
  return decision.allowed ? "ok" : decision.code;
};

describe("the authorization matrix", () => {
  it("covers every action", () => {
    expect(Object.keys(matrix).sort()).toEqual([...actions].sort());
  });

  for (const action of actions) {
    for (const who of Object.keys(actors) as Who[]) {
      it(`${who} × ${action} → ${matrix[action][who]}`, () => {
        expect(outcome(actors[who]!, action)).toBe(matrix[action][who]);
      });
    }
  }
});

describe("rules that depend on the resource", () => {
  it("lets authors edit and delete their own posts", () => {
    expect(outcome(member, "post:edit", { authorId: "m" })).toBe("ok");
    expect(outcome(member, "post:delete", { authorId: "m" })).toBe("ok");
    expect(outcome(suspended, "post:edit", { authorId: "s" })).toBe("forbidden:suspended");
  });

  it("closes a locked thread to members but not to moderators", () => {
    expect(outcome(member, "post:create", { threadLocked: true })).toBe("forbidden:thread_locked");
    expect(outcome(member, "reaction:set", { threadLocked: true })).toBe("forbidden:thread_locked");
    expect(outcome(member, "post:edit", { threadLocked: true, authorId: "m" })).toBe(
      "forbidden:thread_locked",
    );
    expect(outcome(moderator, "post:create", { threadLocked: true })).toBe("ok");
  });

  it("makes a locked note read-only for everyone", () => {
    expect(outcome(member, "note:edit", { noteLocked: true })).toBe("forbidden:note_locked");
    expect(outcome(admin, "note:edit", { noteLocked: true })).toBe("forbidden:note_locked");
  });

  it("refuses reporting one's own post", () => {
    expect(outcome(member, "report:create", { authorId: "m" })).toBe("forbidden:own_post");
  });

  it("keeps moderators from suspending staff, and everyone from acting on themselves", () => {
    expect(outcome(moderator, "user:suspend", { targetRole: "moderator" })).toBe("forbidden:admin_only");
    expect(outcome(admin, "user:suspend", { targetRole: "moderator" })).toBe("ok");
    expect(outcome(moderator, "user:suspend", { targetUserId: "mod" })).toBe("forbidden:self");
    expect(outcome(admin, "user:change-role", { targetUserId: "adm" })).toBe("forbidden:self");
    expect(outcome(admin, "user:change-role", { targetRole: "system" })).toBe("forbidden:system_account");
  });

  it("ends a suspension at its end date", () => {
    const until = { ...member, suspendedAt: new Date("2026-11-01"), suspendedUntil: new Date("2026-11-25") };
    expect(isSuspended(until, now)).toBe(false);
    expect(outcome(until, "post:create")).toBe("ok");
    expect(isSuspended({ ...until, suspendedUntil: new Date("2026-12-01") }, now)).toBe(true);
  });
});

describe("suspended staff", () => {
  // Every action a plain member may not take and an admin may is a staff power.
  const staffActions = actions.filter(
    (action) => matrix[action].member !== "ok" && matrix[action].admin === "ok",
  );
  const suspendedStaff = [moderator, admin];

  it("lists the staff powers it checks", () => {
    expect(staffActions).toEqual(
      expect.arrayContaining(["note:lock", "user:suspend", "user:change-role", "admin:access"]),
    );
  });

  for (const staff of suspendedStaff) {
    for (const action of staffActions) {
      it(`a suspended ${staff.role} loses ${action}`, () => {
        const decision = can({ ...staff, suspendedAt: suspended.suspendedAt }, action, {}, now);
        const refusal =
          matrix[action][staff.role] === "ok" ? "forbidden:suspended" : matrix[action][staff.role];
        expect(decision).toMatchObject({ allowed: false, code: refusal });
      });
    }
    it(`a ${staff.role} whose suspension ended has every power back`, () => {
      const ended = {
        ...staff,
        suspendedAt: new Date("2026-11-01T00:00:00Z"),
        suspendedUntil: new Date("2026-11-08T00:00:00Z"),
      };
      for (const action of staffActions) {
        if (matrix[action][staff.role] === "ok")
          expect(can(ended, action, {}, now)).toEqual({ allowed: true });
      }
    });
  }
});

describe("assertCan", () => {
  it("throws the refusal as an AppError with its HTTP status", () => {
    const error = (() => {
      try {
        assertCan(null, "post:create");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(401);
    expect((error as AppError).message).toBe("Connectez-vous pour participer.");
    expect(() => assertCan(member, "admin:access")).toThrow("Réservé aux administrateurs.");
  });
});
