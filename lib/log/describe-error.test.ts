import { describe, expect, it, vi } from "vitest";
import { describeError, isDatabaseUnavailable, logFailure } from "./describe-error";

function postgresError(code: string, message: string, severity = "ERROR") {
  return Object.assign(new Error(message), { code, severity });
}

/** What Drizzle throws: its message holds the whole statement and its parameters. */
function failedQuery(cause: unknown) {
  return new Error(
    'Failed query: insert into "posts" ("body") values ($1)\nparams: Un commentaire très personnel',
    { cause },
  );
}

describe("describeError", () => {
  it("logs a failed query as its code and reason, never its SQL or parameters", () => {
    const error = failedQuery(postgresError("57P01", "terminating connection due to administrator command"));
    const line = describeError(error);
    expect(line).toBe("57P01: terminating connection due to administrator command");
    expect(line).not.toContain("insert");
    expect(line).not.toContain("personnel");
    expect(line).not.toContain("\n");
  });

  it("keeps the first line of a message without a code", () => {
    expect(describeError(new Error("first\nsecond"))).toBe("first");
    expect(describeError("plain")).toBe("plain");
  });
});

describe("isDatabaseUnavailable", () => {
  it("recognizes a terminated connection, a refused one and a closed client, through wrappers", () => {
    expect(isDatabaseUnavailable(failedQuery(postgresError("57P01", "terminating connection")))).toBe(true);
    expect(
      isDatabaseUnavailable(
        postgresError("55000", 'database "agora" is not currently accepting connections', "FATAL"),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }))).toBe(true);
  });

  it("leaves bugs and constraint violations alone", () => {
    expect(isDatabaseUnavailable(failedQuery(postgresError("23505", "duplicate key")))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
  });
});

describe("logFailure", () => {
  it("logs an outage as one line and a bug with its error", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      logFailure(
        "Background note task failed",
        failedQuery(postgresError("57P01", "terminating connection")),
      );
      const bug = new TypeError("x is undefined");
      logFailure("Background note task failed", bug);
      expect(errors.mock.calls).toEqual([
        ["Background note task failed: 57P01: terminating connection"],
        ["Background note task failed", bug],
      ]);
    } finally {
      errors.mockRestore();
    }
  });
});
