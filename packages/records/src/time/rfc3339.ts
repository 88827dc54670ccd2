import { parseIsoDateTime } from '@symval/dynamite-orm';
import { describeValue, RecordsError } from '../errors.js';

// Go's RFC 3339 output, and so the snapshot, has four-digit years.
const MIN_TIME = Date.parse('0000-01-01T00:00:00Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Parses an RFC 3339 date-time (as Go's `time.Time` writes it: up to nine fractional digits,
 * `Z` or `±hh:mm`) into a `Date`, or returns `undefined` when the text is not one: dynamite's
 * strict `parseIsoDateTime`, which the table's `ValidateTime` attribute reads with too.
 */
export function parseRfc3339(text: unknown): Date | undefined {
  const date = typeof text === 'string' ? parseIsoDateTime(text) : undefined;
  const time = date?.getTime() ?? Number.NaN;
  return time >= MIN_TIME && time <= MAX_TIME ? date : undefined;
}

/**
 * Like {@link parseRfc3339} but throws `RecordsError` (`time.invalid`) naming the text.
 *
 * @example
 * parseRfc3339OrThrow('2025-10-15T14:34:56.123456789+02:00').toISOString(); // '2025-10-15T12:34:56.123Z'
 */
export function parseRfc3339OrThrow(text: unknown): Date {
  const date = parseRfc3339(text);
  if (date) return date;
  throw new RecordsError(
    'time.invalid',
    `expected an RFC 3339 date-time such as 2025-10-15T12:34:56.123456789Z or 2025-10-15T14:34:56+02:00, received ${describeValue(text)}`,
    { received: text },
  );
}

/**
 * Formats a time the way Go's `time.Time` marshals a UTC time (RFC3339Nano): UTC with `Z`,
 * trailing zeros of the fraction dropped, no fraction at all on a whole second. This is the
 * one normalised form the snapshot writes.
 *
 * @example
 * formatValidateTime(new Date('2025-10-15T12:34:56.120Z')); // '2025-10-15T12:34:56.12Z'
 * formatValidateTime(new Date('2025-10-15T12:34:56.000Z')); // '2025-10-15T12:34:56Z'
 */
export function formatValidateTime(date: Date): string {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (!(time >= MIN_TIME && time <= MAX_TIME)) {
    throw new RecordsError(
      'time.invalid',
      `expected a valid Date in the years 0000 to 9999, received ${describeValue(date)}`,
      { received: date },
    );
  }
  const iso = date.toISOString();
  // toISOString is always YYYY-MM-DDTHH:mm:ss.sssZ for years 0..9999.
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return fraction ? `${iso.slice(0, 19)}.${fraction}Z` : `${iso.slice(0, 19)}Z`;
}
