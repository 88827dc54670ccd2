import { HttpApiError } from '../errors.js';
import type { RateLimitSetting } from './types.js';

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

/** Checks a setting given in code (not from the environment). */
export function checkRateLimitSetting(setting: RateLimitSetting): void {
  const { count, windowSeconds } = setting;
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
}
