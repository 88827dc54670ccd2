import { HttpApiError } from '../errors.js';

/** `count` requests per client per `windowSeconds`. */
export interface RateLimitSetting {
  count: number;
  windowSeconds: number;
}

/** The verdict for one request. */
export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions extends RateLimitSetting {
  /** Clients remembered at once; past this, expired windows go first, then the oldest. */
  maxClients?: number;
}

/** A per-client request counter. */
export interface RateLimiter {
  /** Counts one request of `client` at `nowMs` and says whether it may go on. */
  take(client: string, nowMs: number): RateLimitDecision;
}

/**
 * Parses `ATTEST_RATE_LIMIT`: `count/seconds`, e.g. `10/60`.
 *
 * @throws HttpApiError `config.invalid` naming the value.
 */
export function parseRateLimit(value: string): RateLimitSetting {
  const match = /^\s*(\d{1,7})\s*\/\s*(\d{1,6})\s*$/.exec(value);
  const count = match ? Number(match[1]) : Number.NaN;
  const windowSeconds = match ? Number(match[2]) : Number.NaN;
  if (!(count >= 1) || !(windowSeconds >= 1 && windowSeconds <= 86_400)) {
    throw new HttpApiError(
      'config.invalid',
      `ATTEST_RATE_LIMIT must be "count/seconds" with count >= 1 and 1 to 86400 seconds (e.g. "10/60"), received ${JSON.stringify(value)}`,
    );
  }
  return { count, windowSeconds };
}

/**
 * A fixed-window counter per client, in memory. On Lambda each warm instance counts on its own,
 * so the effective limit is the setting times the instances serving a client; that bounds the
 * DNS work one client causes without a shared store (API Gateway throttling caps the total).
 *
 * @example
 * const limiter = createRateLimiter({ count: 10, windowSeconds: 60 });
 * limiter.take('198.51.100.7', Date.now()); // { allowed: true, remaining: 9 }
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { count, windowSeconds, maxClients = 10_000 } = options;
  if (
    !Number.isInteger(count) ||
    count < 1 ||
    !Number.isFinite(windowSeconds) ||
    windowSeconds <= 0
  ) {
    throw new HttpApiError(
      'options.invalid',
      `a rate limit needs an integer count >= 1 and a positive window, received ${count}/${windowSeconds}`,
    );
  }
  const windowMs = windowSeconds * 1000;
  const windows = new Map<string, { startMs: number; used: number }>();

  const makeRoom = (nowMs: number): void => {
    for (const [client, window] of windows) {
      if (nowMs - window.startMs >= windowMs) windows.delete(client);
    }
    // Still full: forget the clients seen longest ago (a Map keeps insertion order).
    for (const client of windows.keys()) {
      if (windows.size < maxClients) break;
      windows.delete(client);
    }
  };

  return {
    take(client, nowMs) {
      let window = windows.get(client);
      if (!window || nowMs - window.startMs >= windowMs) {
        windows.delete(client);
        if (windows.size >= maxClients) makeRoom(nowMs);
        window = { startMs: nowMs, used: 0 };
        windows.set(client, window);
      }
      if (window.used >= count) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((window.startMs + windowMs - nowMs) / 1000)),
        };
      }
      window.used++;
      return { allowed: true, remaining: count - window.used };
    },
  };
}
