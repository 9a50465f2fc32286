/**
 * The headers every page and route answers with. Scripts run only with this response's nonce
 * (Next puts it on its own inline and bundle scripts when the request carries the policy) or
 * when loaded by one that has it ('strict-dynamic'); nothing else, so markup a member managed
 * to slip into a page could not run. Styles allow inline: React renders `style` attributes
 * (the stance bars, the presence colours), which nonces cannot cover.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { development: boolean; https: boolean },
): string {
  return [
    "default-src 'self'",
    // Development adds eval for React's stack reconstruction and hot reloading.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // Socket.IO on the same origin: 'self' covers ws: and wss: to this host in CSP 3 browsers.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The headers that do not depend on the request. HSTS only where the site is served over HTTPS. */
export function staticSecurityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
