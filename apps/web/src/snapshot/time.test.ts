import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, parseRfc3339 } from './time.js';

describe('parseRfc3339', () => {
  it.each([
    ['2025-10-17T12:00:00Z', '2025-10-17T12:00:00.000Z'],
    ['2025-10-17T12:00:00.123456789Z', '2025-10-17T12:00:00.123Z'],
    ['2025-10-17T14:00:00.5+02:00', '2025-10-17T12:00:00.500Z'],
    ['2025-10-17T00:30:00-01:30', '2025-10-17T02:00:00.000Z'],
    ['2025-10-17t12:00:00z', '2025-10-17T12:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2025-02-30T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-10-17T24:00:00Z',
    '2025-10-17',
    '2025-10-17T12:00:00',
    '2025-10-17T12:00:00.1234567890Z',
    '<script>',
    '',
  ])('refuses %j', (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    expect(parseRfc3339(1_700_000_000)).toBeNull();
    expect(parseRfc3339(null)).toBeNull();
  });

  it('reads back any instant written as ISO 8601', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(parseRfc3339(date.toISOString())?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});

describe('formatDay', () => {
  it('gives the UTC day', () => {
    expect(formatDay(new Date('2025-10-17T23:30:00-02:00'))).toBe('2025-10-18');
  });
});
