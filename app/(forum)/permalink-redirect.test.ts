import { describe, expect, it } from "vitest";
import { permalinkRedirect } from "./permalink-redirect";

describe("permalinkRedirect", () => {
  it("answers a relative Location, so it stays on the address the browser used", () => {
    const response = permalinkRedirect("/t/le-debat?fil=abc#c-12");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/t/le-debat?fil=abc#c-12");
    expect(new URL(response.headers.get("location")!, "https://agora.example/c/1").href).toBe(
      "https://agora.example/t/le-debat?fil=abc#c-12",
    );
  });

  it("never leads off the site", () => {
    for (const path of ["//evil.example/t/x", "/\\evil.example", "https://evil.example/", "t/x"])
      expect(() => permalinkRedirect(path)).toThrow();
  });
});
