import type { RateLimiter } from "../rate-limit/token-bucket";
import type { Admit } from "./comment-batch";
import { recentCommentsWindowMs } from "./comment-batch-sql";

/**
 * A new comment's admission, the same from the socket and from a form: what the author stored
 * lately (every instance, every restart) within the limiter's sustained rate, then its bucket
 * for bursts.
 */
export function admitComment(limiter: RateLimiter): Admit {
  return (author, { recentComments }) => {
    limiter.assertHistoryWithin(recentComments, recentCommentsWindowMs);
    limiter.takeOrThrow(author.id);
  };
}
