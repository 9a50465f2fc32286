import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

const site = "https://agora.example";

/** Where a browser on the site ends up after `redirect(path)`. */
const landing = (path: string) => new URL(path, site);

// Each value as Next hands it over, already percent-decoded once from the query string.
const bypasses = [
  "//evil.example/phish",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example/phish",
  "/%09/evil.example/phish",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/ /evil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/%5c%5cevil.example",
  "/%00/evil.example",
  "/a/../..//evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "@evil.example",
  "//user:pass@evil.example",
  "/\u3002evil.example",
  "/\uff0f\uff0fevil.example",
  "/\u2215\u2215evil.example",
  "/\u200b/evil.example",
  "/\u202e/evil.example",
  "",
];

describe("safeCallbackPath", () => {
  it.each(bypasses)("keeps %j on the site, on its home page", (value) => {
    const path = safeCallbackPath(value);
    expect(path).toBe("/");
    expect(landing(path).origin).toBe(site);
  });

  it("keeps paths of the site, with their query and fragment", () => {
    expect(safeCallbackPath("/t/le-debat?tri=recent#c-12")).toBe("/t/le-debat?tri=recent#c-12");
    expect(safeCallbackPath("/membres/abc")).toBe("/membres/abc");
    expect(safeCallbackPath("/@evil.example")).toBe("/@evil.example");
    expect(landing(safeCallbackPath("/@evil.example")).origin).toBe(site);
  });

  it("takes the first of repeated parameters and defaults to the home page", () => {
    expect(safeCallbackPath(["/t/a", "//evil.example"])).toBe("/t/a");
    expect(safeCallbackPath(["//evil.example", "/t/a"])).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
