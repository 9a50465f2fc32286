import { describe, expect, it } from "vitest";
import { AppError, toErrorBody } from "./errors";

function logged() {
  const lines: { message: string; cause: unknown }[] = [];
  return { lines, log: (message: string, cause?: unknown) => lines.push({ message, cause }) };
}

describe("toErrorBody", () => {
  it("answers a database outage with a 503 a client may retry, logged as one line without the query", () => {
    const outage = new Error('Failed query: insert into "posts" values ($1)\nparams: mon texte', {
      cause: Object.assign(new Error("terminating connection due to administrator command"), {
        code: "57P01",
      }),
    });
    const { lines, log } = logged();
    expect(toErrorBody(outage, log)).toEqual({
      code: "unavailable:database",
      message: "Le service est momentanément indisponible. Réessayez dans un instant.",
    });
    expect(lines).toEqual([
      {
        message: "Database unavailable: 57P01: terminating connection due to administrator command",
        cause: undefined,
      },
    ]);
  });

  it("passes an AppError through and hides anything else behind a generic message, logged in full", () => {
    const { lines, log } = logged();
    expect(toErrorBody(new AppError("not_found:thread", "Fil introuvable."), log)).toEqual({
      code: "not_found:thread",
      message: "Fil introuvable.",
    });
    const bug = new TypeError("x is undefined");
    expect(toErrorBody(bug, log).code).toBe("internal:unexpected");
    expect(lines).toEqual([{ message: "Unexpected error", cause: bug }]);
  });
});
