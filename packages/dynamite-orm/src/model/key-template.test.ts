import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr } from '../schema/builders.js';
import {
  buildKey,
  compileKeyTemplate,
  composeKey,
  composePrefix,
  escapeKeyText,
  parseKey,
  readKey,
  unescapeKeyText,
} from './key-template.js';

const fields = {
  userId: attr.string(),
  orderDate: attr.date(),
  orderId: attr.string(),
  seq: attr.int(),
  amount: attr.bigint(),
  status: attr.literal('open', 'paid'),
  at: attr.date({ storage: 'epochMillis' }),
  tags: attr.stringSet(),
  note: attr.string().optional(),
  code: attr.string().validate((s) => s.length <= 8, 'at most 8 characters'),
};

const order = compileKeyTemplate('ORDER#{orderDate}#{orderId}', fields, 'test');
const mixed = compileKeyTemplate('U#{userId}#{seq}#{amount}#{status}#{at}', fields, 'test');

const text = fc.string({ unit: 'grapheme', maxLength: 20 });
const date = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('key templates', () => {
  it('builds the documented text', () => {
    expect(
      composeKey(order, { orderDate: new Date('2024-01-02T00:00:00Z'), orderId: 'o#1%' }),
    ).toBe('ORDER#2024-01-02T00:00:00.000Z#o%231%25');
  });

  it('round trips every field through build and parse (strings with # and % too)', () => {
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.constantFrom('open' as const, 'paid' as const),
        date,
        (userId, seq, amount, status, at) => {
          const item = { userId, seq, amount, status, at };
          const built = composeKey(mixed, item);
          expect(built.split('#')).toHaveLength(6);
          expect(parseKey(mixed, built)).toEqual(item);
        },
      ),
    );
  });

  it('escapes so two different field lists never build the same key', () => {
    fc.assert(
      fc.property(text, text, text, text, (a, b, c, d) => {
        fc.pre(a !== c || b !== d);
        const t = compileKeyTemplate('{userId}#{orderId}', fields, 'test');
        expect(composeKey(t, { userId: a, orderId: b })).not.toBe(
          composeKey(t, { userId: c, orderId: d }),
        );
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', '#', '2', '3', '5', 'a') }), (s) => {
        expect(unescapeKeyText(escapeKeyText(s))).toBe(s);
      }),
    );
  });

  it('a prefix of the fields builds a prefix of every key that has them', () => {
    fc.assert(
      fc.property(date, text, text, (orderDate, orderId, other) => {
        const full = composeKey(order, { orderDate, orderId });
        const { text: prefix, stoppedAt, complete } = composePrefix(order, { orderDate });
        expect(complete).toBe(false);
        expect(stoppedAt?.field).toBe('orderId');
        expect(full.startsWith(prefix)).toBe(true);
        expect(prefix.endsWith('#')).toBe(true);
        // Another date never shares the prefix, even one that extends this date's text.
        const later = new Date(orderDate.getTime() + 1);
        expect(composeKey(order, { orderDate: later, orderId: other }).startsWith(prefix)).toBe(
          false,
        );
      }),
    );
    expect(composePrefix(order, {}).text).toBe('ORDER#');
  });

  it('keeps ISO dates in time order', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const ka = composeKey(order, { orderDate: a, orderId: 'x' });
        const kb = composeKey(order, { orderDate: b, orderId: 'x' });
        expect(Math.sign(ka < kb ? -1 : ka > kb ? 1 : 0)).toBe(
          Math.sign(a.getTime() - b.getTime()),
        );
      }),
    );
  });

  it('parsing refuses text of another shape, naming the template', () => {
    expect(() => readKey(order, 'USER#ada')).toThrow(
      'key text does not match ORDER#{orderDate}#{orderId}: (item) expected a key of the form ORDER#{orderDate}#{orderId}, received "USER#ada"',
    );
    expect(() => readKey(order, 'ORDER#not-a-date#o1')).toThrow(
      expect.objectContaining({ code: 'schema.invalid', path: 'orderDate' }),
    );
  });

  it('refuses templates that could not be parsed back, with the reason', () => {
    const refuse = (template: string, message: RegExp) => {
      try {
        compileKeyTemplate(template, fields, 'entity order');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DynamiteError);
        expect((error as DynamiteError).code).toBe('definition.invalid');
        expect((error as DynamiteError).message).toMatch(message);
      }
    };
    refuse('ORDER{orderId}', /must be a constant or one \{field\}/);
    refuse('ORDER#{nope}', /reads nope, which is not a field; fields are userId/);
    refuse('T#{tags}', /tags is stringSet/);
    refuse('A#{userId}#{userId}', /reads userId twice/);
    refuse('', /non-empty string/);
  });

  it('a missing or invalid field is schema.invalid at that field', () => {
    const t = compileKeyTemplate('C#{code}', fields, 'test');
    expect(() => buildKey(t, {})).toThrow(
      expect.objectContaining({ code: 'schema.invalid', path: 'code' }),
    );
    expect(() => buildKey(t, { code: 'far too long' })).toThrow(
      expect.objectContaining({ expected: 'at most 8 characters' }),
    );
  });
});
