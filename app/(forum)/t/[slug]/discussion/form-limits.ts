import { createRateLimits, type RateLimits } from "@/lib/rate-limit/token-bucket";

const key = Symbol.for("agora.formLimits");
const holder = globalThis as { [key]?: RateLimits };

/**
 * The burst buckets of writes posted by forms (no JavaScript), one set per process: the socket
 * server keeps its own (lib/realtime/server.ts), so a member mixing both paths gets at most
 * twice the burst. The sustained rate is counted in the database and shared by both paths
 * (lib/posts/comment-admission.ts, lib/rate-limit/persisted-budget.ts).
 */
export function formLimits(): RateLimits {
  return (holder[key] ??= createRateLimits());
}
