import type { Actor } from "../auth/authorization";
import { createRateLimiter, type RateLimiter, type TokenBucketOptions } from "../rate-limit/token-bucket";
import type { AgoraSocket } from "./handler";

/**
 * Budgets for the note events that cost the server most: a named version copies the whole
 * state, viewing one renders it, and presence is relayed to every reader. Kept per socket and,
 * for members, per member too, so neither many sockets nor one busy socket escapes them.
 */
export interface NoteLimits {
  saveVersion: RateLimiter;
  getVersion: RateLimiter;
  awareness: RateLimiter;
}

export type NoteLimitSettings = Partial<
  Record<keyof NoteLimits, Pick<TokenBucketOptions, "capacity" | "refillEveryMs">>
>;

const seconds = (count: number) => `${count}\u00a0seconde${count > 1 ? "s" : ""}`;

export function createNoteLimits(overrides: NoteLimitSettings = {}): NoteLimits {
  return {
    saveVersion: createRateLimiter({
      capacity: 3,
      refillEveryMs: 60_000,
      ...overrides.saveVersion,
      surface: "note_save_version",
      message: (wait) => `Vous enregistrez des versions trop souvent\u202f: réessayez dans ${seconds(wait)}.`,
    }),
    getVersion: createRateLimiter({
      capacity: 10,
      refillEveryMs: 2_000,
      ...overrides.getVersion,
      surface: "note_get_version",
      message: (wait) => `Trop de versions consultées d’affilée\u202f: réessayez dans ${seconds(wait)}.`,
    }),
    // A caret moves with every keystroke: a generous burst, then twenty a second.
    awareness: createRateLimiter({
      capacity: 60,
      refillEveryMs: 50,
      ...overrides.awareness,
      surface: "note_awareness",
      message: (wait) => `Trop de messages de présence\u202f: réessayez dans ${seconds(wait)}.`,
    }),
  };
}

/** Takes a token for the socket and, when signed in, for the member; throws `rate_limited:…` when either is empty. */
export function takeOrThrow(
  limiter: RateLimiter,
  socket: AgoraSocket,
  actor: Actor | null | undefined,
): void {
  limiter.takeOrThrow(`socket:${socket.id}`);
  if (actor) limiter.takeOrThrow(`member:${actor.id}`);
}
