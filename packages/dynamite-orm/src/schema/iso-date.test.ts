import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDateTime } from './iso-date.js';

describe('parseIsoDateTime', () => {
  it.each([
    ['2025-10-15T12:34:56Z', '2025-10-15T12:34:56.000Z'],
    ['2025-10-15T12:34:56.1Z', '2025-10-15T12:34:56.100Z'],
    ['2025-10-15T12:34:56.123456789Z', '2025-10-15T12:34:56.123Z'],
    ['2025-10-15T14:34:56+02:00', '2025-10-15T12:34:56.000Z'],
    ['2025-10-15t10:04:56.5-02:30', '2025-10-15T12:34:56.500Z'],
    ['2024-02-29T00:00:00z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['+012345-06-07T08:09:10.011Z', '+012345-06-07T08:09:10.011Z'],
    ['-000001-12-31T23:59:59.999Z', '-000001-12-31T23:59:59.999Z'],
  ])('reads %s', (text, iso) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'October 15 2025',
    '2025-10-15',
    '2025-10-15 12:34:56Z',
    '2025-02-30T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-10-15T24:00:00Z',
    '2025-10-15T12:60:00Z',
    '2025-10-15T12:34:56',
    '2025-10-15T12:34:56.1234567890Z',
    '2025-10-15T12:34:56+24:00',
    '2025-02-30T00:00:00.000Z',
    '2023-02-29T12:00:00.000Z',
    '2025-10-15T24:00:00.000Z',
    '2025-10-15T12:34:60.000Z',
    '2025-1a-15T12:34:56.000Z',
    '2025-10-15T12:34:56.000+',
    '1443321600',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });

  it('reads a string of the stored form exactly when it is the ISO text of a real time', () => {
    const digit = fc.constantFrom(...'0123456789');
    const two = fc.tuple(digit, digit).map((d) => d.join(''));
    const canonical = fc
      .tuple(fc.integer({ min: 1000, max: 9999 }), two, two, two, two, two, fc.tuple(digit, two))
      .map(([y, mo, d, h, mi, s, [m1, m2]]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${m1}${m2}Z`);
    fc.assert(
      fc.property(canonical, (text) => {
        const date = new Date(text);
        const real = !Number.isNaN(date.getTime()) && date.toISOString() === text;
        expect(parseIsoDateTime(text)?.toISOString()).toBe(real ? text : undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back whatever Date#toISOString writes', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(parseIsoDateTime(date.toISOString())?.getTime()).toBe(date.getTime());
      }),
    );
  });
});
