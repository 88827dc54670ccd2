import { LocalError } from '../errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration such as `30s`, `5m` or `1h` into milliseconds; `0` or `off` is 0 (turned
 * off). A bare number is refused: "5" could mean seconds or minutes.
 *
 * @example
 * parseDuration('5m'); // 300000
 */
export function parseDuration(text: string, flag = 'duration'): number {
  const value = text.trim().toLowerCase();
  if (value === '0' || value === 'off') return 0;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  const amount = match ? Number(match[1]) * (UNITS[match[2] ?? ''] ?? Number.NaN) : Number.NaN;
  if (!Number.isFinite(amount) || amount < 1000) {
    throw new LocalError(
      'args.invalid',
      `${flag} must be a duration of at least 1s such as 30s, 5m or 1h (0 or off turns it off), received ${JSON.stringify(text)}`,
    );
  }
  return Math.round(amount);
}

/** `300000` → `5m`, for the lines the stack prints. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
