/** `count` requests per client per `windowSeconds`. */
export interface RateLimitSetting {
  count: number;
  windowSeconds: number;
}

/** Why a decision was made without the shared store: its error, named for the log. */
export interface RateLimitStoreFailure {
  name: string;
  message: string;
}

/**
 * The verdict for one request. `storeFailure` is set when the shared store could not be asked
 * and this instance's own counter decided instead.
 */
export type RateLimitDecision =
  | { allowed: true; remaining: number; storeFailure?: RateLimitStoreFailure }
  | { allowed: false; retryAfterSeconds: number; storeFailure?: RateLimitStoreFailure };

/** A per-client request counter. */
export interface RateLimiter {
  /** Counts one request of `client` at `nowMs` and says whether it may go on. */
  take(client: string, nowMs: number): RateLimitDecision | Promise<RateLimitDecision>;
}

/** Seconds until a window that started at `startMs` ends, at least 1 (a `Retry-After`). */
export function secondsLeft(startMs: number, windowMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((startMs + windowMs - nowMs) / 1000));
}
