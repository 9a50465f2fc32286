import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { parseInput } from "./parse-input";
import { suspendUserSchema } from "./schemas";

function refusal(input: unknown) {
  try {
    parseInput(suspendUserSchema, input);
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("parseInput accepted the input");
}

describe("moderation input", () => {
  it("answers a missing or mistyped field in French, never with zod's English", () => {
    for (const input of [{}, { userId: 42, reason: [], days: {} }]) {
      const error = refusal(input);
      expect(error.code).toBe("bad_request:moderation");
      expect(error.message).not.toMatch(/\b(Invalid|expected|received)\b/);
      const fields = error.details?.fields as Record<string, string[]>;
      for (const message of Object.values(fields).flat()) {
        expect(message).not.toMatch(/\b(Invalid|expected|received)\b/);
      }
    }
  });
});
