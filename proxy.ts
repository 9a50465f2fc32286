import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "./lib/env";
import { malformedUrlReason } from "./lib/http/malformed-url";
import { contentSecurityPolicy, staticSecurityHeaders } from "./lib/http/security-headers";

/**
 * Runs before routing, on every request. A URL that cannot name anything is answered here with
 * a 400 in French, as JSON on the API (the shape of lib/errors.ts) and as text elsewhere. Every
 * other request gets a fresh script nonce: on the request, where Next reads the policy to put
 * the nonce on its scripts, and on the response, where the browser enforces it.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const https = env.AUTH_URL?.startsWith("https:") ?? request.nextUrl.protocol === "https:";
  const headers = staticSecurityHeaders({ https });
  const reason = malformedUrlReason(request.nextUrl);
  if (reason) {
    const response = request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ code: "bad_request:url", message: reason }, { status: 400 })
      : new NextResponse(reason, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, { development: env.NODE_ENV !== "production", https });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Built assets carry no markup to protect and are requested by the dozen.
export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
