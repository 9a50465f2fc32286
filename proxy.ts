import { NextResponse, type NextRequest } from "next/server";
import { malformedUrlReason } from "./lib/http/malformed-url";

/**
 * Runs before routing, on every request. A URL that cannot name anything is answered here with
 * a 400 in French, as JSON on the API (the shape of lib/errors.ts) and as text elsewhere.
 */
export function proxy(request: NextRequest) {
  const reason = malformedUrlReason(request.nextUrl);
  if (reason) {
    if (request.nextUrl.pathname.startsWith("/api/"))
      return NextResponse.json({ code: "bad_request:url", message: reason }, { status: 400 });
    return new NextResponse(reason, {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
}
