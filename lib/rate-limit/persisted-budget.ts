import type { Database } from "../../db/client";
import { hitRateLimit } from "./rate-limit";
import type { RateLimiter } from "./token-bucket";

const windowSeconds = 60;
/** Past this, a budget is no limit a person can reach (benchmarks, tests): no row to write. */
const unreachable = 100_000;

/**
 * Charges one action to a member's budget as counted in PostgreSQL over the last minute, so
 * a restart or another instance does not hand out a fresh budget: the in-memory buckets catch
 * bursts cheaply, this is what a flood meets after a crash. The limit is the bucket's own
 * (its burst plus a minute of refills).
 */
export async function chargePersistedBudget(db: Database, limiter: RateLimiter, key: string): Promise<void> {
  const limit = limiter.sustainedWithin(windowSeconds * 1000);
  if (limit >= unreachable) return;
  const result = await hitRateLimit(db, `${limiter.surface}:${key}`, { limit, windowSeconds });
  if (!result.allowed) throw limiter.refusal(result.retryAfterSeconds * 1000);
}
