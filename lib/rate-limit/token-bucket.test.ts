import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createRateLimiter, createRateLimits } from "./token-bucket";

const limiter = () =>
  createRateLimiter({ capacity: 3, refillEveryMs: 1000, surface: "test", message: (s) => `attendez ${s} s` });

describe("a token bucket", () => {
  it("allows a burst up to its capacity, then refuses with the wait", () => {
    const bucket = limiter();
    expect([0, 1, 2].map(() => bucket.take("alice", 0).ok)).toEqual([true, true, true]);
    expect(bucket.take("alice", 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(bucket.take("alice", 400)).toEqual({ ok: false, retryAfterMs: 600 });
  });

  it("refills one token per period, never above capacity", () => {
    const bucket = limiter();
    for (let i = 0; i < 3; i++) bucket.take("alice", 0);
    expect(bucket.take("alice", 1000).ok).toBe(true);
    expect(bucket.take("alice", 1000).ok).toBe(false);
    // A long pause refills the burst, not more.
    expect([0, 1, 2, 3].map(() => bucket.take("alice", 60_000).ok)).toEqual([true, true, true, false]);
  });

  it("keeps one bucket per member", () => {
    const bucket = limiter();
    for (let i = 0; i < 3; i++) bucket.take("alice", 0);
    expect(bucket.take("alice", 0).ok).toBe(false);
    expect(bucket.take("bob", 0).ok).toBe(true);
  });

  it("throws a rate_limited AppError with a French message and the delay", () => {
    const bucket = limiter();
    for (let i = 0; i < 3; i++) bucket.takeOrThrow("alice", 0);
    const error = (() => {
      try {
        bucket.takeOrThrow("alice", 100);
      } catch (caught) {
        return caught as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe("rate_limited:test");
    expect(error?.status).toBe(429);
    expect(error?.message).toBe("attendez 1 s");
    expect(error?.details).toEqual({ retryAfterMs: 900 });
  });

  it("forgets refilled buckets once it tracks many members", () => {
    const bucket = limiter();
    for (let i = 0; i < 10_000; i++) bucket.take(`member-${i}`, 0);
    expect(bucket.size()).toBe(10_000);
    bucket.take("late", 10_000);
    expect(bucket.size()).toBe(1);
  });
});

describe("Agora's limits", () => {
  it("let five comments through in a burst and refuse the sixth in French", () => {
    const limits = createRateLimits();
    for (let i = 0; i < 5; i++) limits.comment.takeOrThrow("alice", 0);
    expect(() => limits.comment.takeOrThrow("alice", 0)).toThrow(
      "Vous écrivez trop vite\u202f: réessayez dans 10\u00a0secondes.",
    );
  });

  it("say a wait of minutes in minutes", () => {
    const limits = createRateLimits({ comment: { capacity: 1, refillEveryMs: 180_000 } });
    limits.comment.takeOrThrow("alice", 0);
    expect(() => limits.comment.takeOrThrow("alice", 0)).toThrow(
      "Vous écrivez trop vite\u202f: réessayez dans 3\u00a0min.",
    );
  });

  it("accept overrides for tests and deployments", () => {
    const limits = createRateLimits({ comment: { capacity: 1, refillEveryMs: 60_000 } });
    limits.comment.takeOrThrow("alice", 0);
    expect(limits.comment.take("alice", 0).ok).toBe(false);
  });
});
