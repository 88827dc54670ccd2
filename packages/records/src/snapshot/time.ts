import { describeValue, RecordsError } from '../errors.js';

// The same grammar as dynamite's `parseIsoDateTime` (which the table's ValidateTime attribute
// reads with), kept here because dynamite's entry point pulls in `node:` modules and the AWS
// SDK, and this module runs in the browser. A property test holds the two to the same answers.
const ISO_DATE_TIME =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Go's RFC 3339 output, and so the snapshot, has four-digit years.
const MIN_TIME = Date.parse('0000-01-01T00:00:00Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

function parseDateTime(text: string): number {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return Number.NaN;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMinutes = 0;
  if (m[8]) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  // Date.UTC reads years 0..99 as 1900..1999; setting the year afterwards keeps it literal.
  date.setUTCFullYear(year);
  return date.getTime() - offsetMinutes * 60_000;
}

/**
 * Parses a snapshot `ValidateTime`: an RFC 3339 date-time as Go's `time.Time` writes it (up to
 * nine fractional digits, `Z` or `±hh:mm`) in the years 0000 to 9999, or `undefined` when the
 * value is not one. Fractions beyond milliseconds are truncated.
 *
 * @example
 * parseSnapshotTime('2025-10-15T14:34:56.123456789+02:00')?.toISOString(); // '2025-10-15T12:34:56.123Z'
 */
export function parseSnapshotTime(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const time = parseDateTime(text);
  return time >= MIN_TIME && time <= MAX_TIME ? new Date(time) : undefined;
}

/**
 * Formats a time the way Go's `time.Time` marshals a UTC time (RFC3339Nano): UTC with `Z`,
 * trailing zeros of the fraction dropped, no fraction on a whole second. This is the one
 * normalised form the snapshot holds.
 *
 * @throws RecordsError `time.invalid` for an invalid date or a year outside 0000..9999.
 * @example
 * formatSnapshotTime(new Date('2025-10-15T12:34:56.120Z')); // '2025-10-15T12:34:56.12Z'
 */
export function formatSnapshotTime(date: Date): string {
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
