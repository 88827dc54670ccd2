import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordsError } from '../errors.js';
import { formatValidateTime, parseRfc3339, parseRfc3339OrThrow } from './rfc3339.js';

describe('parseRfc3339', () => {
  it.each([
    ['2025-10-15T12:34:56Z', '2025-10-15T12:34:56.000Z'],
    ['2025-10-15T12:34:56.1Z', '2025-10-15T12:34:56.100Z'],
    ['2025-10-15T12:34:56.123456789Z', '2025-10-15T12:34:56.123Z'],
    ['2025-10-15T12:34:56.999999999Z', '2025-10-15T12:34:56.999Z'],
    ['2025-10-15T14:34:56+02:00', '2025-10-15T12:34:56.000Z'],
    ['2025-10-15T14:34:56.5+02:00', '2025-10-15T12:34:56.500Z'],
    ['2025-10-15T04:04:56.000000001-08:30', '2025-10-15T12:34:56.000Z'],
    ['2025-10-15t12:34:56z', '2025-10-15T12:34:56.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2025-01-01T00:30:00+01:00', '2024-12-31T23:30:00.000Z'],
  ])('reads %s as the instant %s, truncating past milliseconds', (text, iso) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'October 15 2025',
    '2025-10-15',
    '2025-10-15 12:34:56Z',
    '2025-10-15T12:34:56',
    '2025-10-15T12:34:56.Z',
    '2025-10-15T12:34:56.1234567890Z',
    '2025-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-10-32T00:00:00Z',
    '2025-10-15T24:00:00Z',
    '2025-10-15T12:60:00Z',
    '2025-10-15T12:34:60Z',
    '2025-10-15T12:34:56+0200',
    '2025-10-15T12:34:56+24:00',
    ' 2025-10-15T12:34:56Z',
  ])('refuses %j, which new Date() might take', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it('refuses values that are not strings', () => {
    expect(parseRfc3339(1_700_000_000_000)).toBeUndefined();
    expect(parseRfc3339(new Date())).toBeUndefined();
  });

  it('throws a time.invalid error naming the text when asked to', () => {
    expect(() => parseRfc3339OrThrow('yesterday')).toThrow(
      expect.objectContaining({
        code: 'time.invalid',
        message: expect.stringContaining('"yesterday"'),
      }),
    );
    expect(() => parseRfc3339OrThrow('yesterday')).toThrow(RecordsError);
  });
});

describe('formatValidateTime', () => {
  it('writes UTC with the fraction trimmed, as Go marshals a UTC time', () => {
    expect(formatValidateTime(new Date('2025-10-15T12:34:56.000Z'))).toBe('2025-10-15T12:34:56Z');
    expect(formatValidateTime(new Date('2025-10-15T12:34:56.120Z'))).toBe(
      '2025-10-15T12:34:56.12Z',
    );
    expect(formatValidateTime(new Date('2025-10-15T12:34:56.007Z'))).toBe(
      '2025-10-15T12:34:56.007Z',
    );
  });

  it('refuses invalid dates and years outside 0000..9999', () => {
    expect(() => formatValidateTime(new Date(Number.NaN))).toThrow(RecordsError);
    expect(() => formatValidateTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(RecordsError);
  });

  it('round-trips every millisecond instant of years 0000..9999 through parseRfc3339', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(parseRfc3339(formatValidateTime(date))?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('agrees with Date.parse on every offset form Go can write', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        fc.integer({ min: 0, max: 999_999 }),
        (date, offset, subMillis) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${String(subMillis).padStart(6, '0')}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseRfc3339(text)?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});
