import { createRateLimits, type RateLimits } from "@/lib/rate-limit/token-bucket";

const key = Symbol.for("agora.formLimits");
const holder = globalThis as { [key]?: RateLimits };

/**
 * The budgets of writes posted by forms (no JavaScript), one set per process: the socket
 * server keeps its own (lib/realtime/server.ts), so a member mixing both paths gets at most
 * twice the burst, never an unlimited path.
 */
export function formLimits(): RateLimits {
  return (holder[key] ??= createRateLimits());
}
