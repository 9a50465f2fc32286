"use client";

import { z } from "zod";

// The policy (proxy.ts) forbids eval. zod probes `Function("")` the first time it parses an
// object, to decide whether to compile its parsers; the browser reports that probe as a CSP
// violation, and would refuse it anyway. In the browser zod interprets instead: the schemas it
// runs there are small.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Rendered first in the root layout, so this module runs before any component parses. */
export function BrowserZodConfig() {
  return null;
}
