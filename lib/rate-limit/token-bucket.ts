import { AppError } from "../errors";
import { waitLabel } from "../format/french";

/**
 * Per-member rate limits as token buckets: a burst of `capacity` actions, then one more every
 * `refillEveryMs`. In memory, per process: with several instances a member's budget is per
 * instance (sticky sessions keep a member on one instance, so in practice it holds); a shared
 * store (Redis) would make it exact across instances.
 */
export interface TokenBucketOptions {
  capacity: number;
  refillEveryMs: number;
  /** Message shown when refused; receives the wait in whole seconds. */
  message: (retryAfterSeconds: number) => string;
  /** The surface in the error code, e.g. "comment" → rate_limited:comment. */
  surface: string;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  take(key: string, now?: number): TakeResult;
  /** Throws `rate_limited:<surface>` with the wait when the key has no token left. */
  takeOrThrow(key: string, now?: number): void;
  /**
   * The same budget checked against history kept elsewhere (rows in the database): `count`
   * actions in the last `windowMs` may not exceed the burst plus what refills in that time.
   * Buckets live in this process's memory, so a restart or another instance starts them full;
   * this is the check a flood meets there.
   */
  assertHistoryWithin(count: number, windowMs: number): void;
  /** The most it lets through in `windowMs`: the burst plus what refills meanwhile. */
  sustainedWithin(windowMs: number): number;
  /** The refusal it answers with, for a wait of `retryAfterMs`. */
  refusal(retryAfterMs: number): AppError;
  readonly surface: string;
  /** Buckets currently tracked (full ones are forgotten). */
  size(): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

// Past this many keys, buckets that have refilled are swept so memory stays bounded.
const sweepThreshold = 10_000;

export function createRateLimiter(options: TokenBucketOptions): RateLimiter {
  const { capacity, refillEveryMs } = options;
  if (capacity < 1 || refillEveryMs <= 0)
    throw new Error("A token bucket needs capacity ≥ 1 and a refill delay > 0.");
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, now: number) => {
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed / refillEveryMs);
    bucket.updatedAt = now;
  };

  const sweep = (now: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
  };

  const take = (key: string, now = Date.now()): TakeResult => {
    if (buckets.size >= sweepThreshold) sweep(now);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: now };
      buckets.set(key, bucket);
    }
    refill(bucket, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) * refillEveryMs) };
  };

  const refuse = (retryAfterMs: number) => {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return new AppError(`rate_limited:${options.surface}`, options.message(seconds), {
      details: { retryAfterMs },
    });
  };

  return {
    take,
    takeOrThrow(key, now) {
      const result = take(key, now);
      if (!result.ok) throw refuse(result.retryAfterMs);
    },
    assertHistoryWithin(count, windowMs) {
      if (count >= capacity + Math.floor(windowMs / refillEveryMs)) throw refuse(refillEveryMs);
    },
    sustainedWithin: (windowMs) => capacity + Math.floor(windowMs / refillEveryMs),
    refusal: refuse,
    surface: options.surface,
    size: () => buckets.size,
  };
}

export interface RateLimits {
  comment: RateLimiter;
  edit: RateLimiter;
  reaction: RateLimiter;
  typing: RateLimiter;
  catchUp: RateLimiter;
}

export type RateLimitSettings = Partial<
  Record<keyof RateLimits, Pick<TokenBucketOptions, "capacity" | "refillEveryMs">>
>;

/** Agora's budgets: a burst of comments then one every 10 s; reactions are cheaper. */
export function createRateLimits(overrides: RateLimitSettings = {}): RateLimits {
  return {
    comment: createRateLimiter({
      capacity: 5,
      refillEveryMs: 10_000,
      ...overrides.comment,
      surface: "comment",
      message: (wait) => `Vous écrivez trop vite\u202f: réessayez dans ${waitLabel(wait)}.`,
    }),
    edit: createRateLimiter({
      capacity: 10,
      refillEveryMs: 6_000,
      ...overrides.edit,
      surface: "edit",
      message: (wait) => `Trop de modifications d’affilée\u202f: réessayez dans ${waitLabel(wait)}.`,
    }),
    reaction: createRateLimiter({
      capacity: 20,
      refillEveryMs: 1_000,
      ...overrides.reaction,
      surface: "reaction",
      message: (wait) => `Trop de réactions d’affilée\u202f: réessayez dans ${waitLabel(wait)}.`,
    }),
    typing: createRateLimiter({
      capacity: 10,
      refillEveryMs: 1_000,
      ...overrides.typing,
      surface: "typing",
      message: (wait) => `Trop de signaux de saisie\u202f: réessayez dans ${waitLabel(wait)}.`,
    }),
    catchUp: createRateLimiter({
      capacity: 30,
      refillEveryMs: 500,
      ...overrides.catchUp,
      surface: "catch_up",
      message: (wait) => `Trop de demandes de mise à jour\u202f: réessayez dans ${waitLabel(wait)}.`,
    }),
  };
}
