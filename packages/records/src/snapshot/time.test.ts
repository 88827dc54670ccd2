import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordsError } from '../errors.js';
import { formatValidateTime, parseRfc3339 } from '../time/rfc3339.js';
import { formatSnapshotTime, parseSnapshotTime } from './time.js';

// Text shaped like a date-time, valid or not: the parsers must agree on every one.
const dateTimeLike = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')),
      fc
        .integer({ min: -2, max: 12_000 })
        .map((y) => `${y < 0 ? '-' : '+'}${String(Math.abs(y)).padStart(6, '0')}`),
    ),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
    fc.constantFrom('Z', 'z', '+02:00', '-08:30', '+24:00', '+0200', ''),
    fc.constantFrom('T', 't', ' '),
  )
  .map(([y, mo, d, h, mi, s, frac, zone, sep]) => {
    const two = (n: number) => String(n).padStart(2, '0');
    return `${y}-${two(mo)}-${two(d)}${sep}${two(h)}:${two(mi)}:${two(s)}${frac === null ? '' : `.${frac}`}${zone}`;
  });

describe('parseSnapshotTime', () => {
  it('answers exactly as the table’s parseRfc3339 does, on valid and invalid text', () => {
    fc.assert(
      fc.property(dateTimeLike, (text) => {
        expect(parseSnapshotTime(text)?.getTime()).toBe(parseRfc3339(text)?.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('reads Go’s nanoseconds and offsets as the instant, and refuses non-strings', () => {
    expect(parseSnapshotTime('2025-10-15T14:34:56.123456789+02:00')?.toISOString()).toBe(
      '2025-10-15T12:34:56.123Z',
    );
    expect(parseSnapshotTime('2025-02-29T00:00:00Z')).toBeUndefined();
    expect(parseSnapshotTime(1_700_000_000_000)).toBeUndefined();
    expect(parseSnapshotTime('')).toBeUndefined();
  });
});

describe('formatSnapshotTime', () => {
  it('writes what formatValidateTime writes for every instant of years 0000..9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(formatSnapshotTime(date)).toBe(formatValidateTime(date));
          expect(parseSnapshotTime(formatSnapshotTime(date))?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('refuses an invalid date or a year past 9999 with time.invalid', () => {
    expect(() => formatSnapshotTime(new Date(Number.NaN))).toThrow(RecordsError);
    expect(() => formatSnapshotTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'time.invalid' }),
    );
  });
});
