import { checkRateLimitSetting } from './setting.js';
import { type RateLimitDecision, type RateLimitSetting, secondsLeft } from './types.js';

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions extends RateLimitSetting {
  /** Clients remembered at once; past this, expired windows go first, then the oldest. */
  maxClients?: number;
}

/** A counter that answers at once: {@link createRateLimiter}'s. */
export interface MemoryRateLimiter {
  take(client: string, nowMs: number): RateLimitDecision;
}

/**
 * A window per client that starts with its first counted request, in this process's memory.
 * On Lambda each warm instance counts on its own, so it is what the shared limiter
 * (`createDynamoDbRateLimiter`) falls back to while its table cannot be reached, and what a
 * process without a table uses.
 *
 * @example
 * const limiter = createRateLimiter({ count: 10, windowSeconds: 60 });
 * limiter.take('198.51.100.7', Date.now()); // { allowed: true, remaining: 9 }
 */
export function createRateLimiter(options: RateLimiterOptions): MemoryRateLimiter {
  checkRateLimitSetting(options);
  const { count, windowSeconds, maxClients = 10_000 } = options;
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
        return { allowed: false, retryAfterSeconds: secondsLeft(window.startMs, windowMs, nowMs) };
      }
      window.used++;
      return { allowed: true, remaining: count - window.used };
    },
  };
}
