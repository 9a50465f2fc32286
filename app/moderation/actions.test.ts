import { describe, expect, it } from "vitest";
import { idleState } from "./action-state";
import { moderatePostAction, moderateThreadAction } from "./actions";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

// The operation is looked up before the session is read: these run without a request.
describe("moderation server actions refuse an operation that is not theirs", () => {
  for (const operation of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    it(`answers « Action inconnue. » to operation=${operation} on a thread`, async () => {
      await expect(
        moderateThreadAction(idleState, form({ operation, threadId: crypto.randomUUID() })),
      ).resolves.toEqual({ status: "error", message: "Action inconnue." });
    });

    it(`answers « Action inconnue. » to operation=${operation} on a comment`, async () => {
      await expect(
        moderatePostAction(idleState, form({ operation, postId: crypto.randomUUID() })),
      ).resolves.toEqual({ status: "error", message: "Action inconnue." });
    });
  }
});
