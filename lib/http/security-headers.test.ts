import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, staticSecurityHeaders } from "./security-headers";

describe("security headers", () => {
  it("asks for HSTS and upgraded requests only where the site is served over HTTPS", () => {
    expect(staticSecurityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(staticSecurityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(contentSecurityPolicy("n", { development: false, https: true })).toContain(
      "upgrade-insecure-requests",
    );
    expect(contentSecurityPolicy("n", { development: false, https: false })).not.toContain(
      "upgrade-insecure",
    );
  });

  it("runs scripts by nonce only, and allows eval in development alone", () => {
    const production = contentSecurityPolicy("abc", { development: false, https: false });
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(production).not.toContain("unsafe-eval");
    expect(production).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy("abc", { development: true, https: false })).toContain("'unsafe-eval'");
  });
});
