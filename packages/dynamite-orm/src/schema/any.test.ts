import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr } from './builders.js';
import { defineItem } from './item-schema.js';

function caught(fn: () => unknown): DynamiteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

const Event = defineItem({
  id: attr.string(),
  payload: attr.any(),
  extra: attr.any<{ source: string }>().optional(),
});

describe('attr.any', () => {
  it('stores plain values as their own DynamoDB types, as util-dynamodb does', () => {
    const payload = {
      s: 'x',
      n: 1.5,
      b: false,
      nul: null,
      list: [1, 'two', [true]],
      map: { deep: { deeper: 'yes' } },
      ss: new Set(['a', 'b']),
      ns: new Set([1, 2]),
      bytes: new Uint8Array([1, 2]),
    };
    const stored = Event.marshal({ id: 'e', payload });
    expect(stored.payload).toEqual(marshall({ payload }).payload);
    expect(Event.unmarshal(stored).payload).toEqual(payload);
  });

  it('reads back numbers a JS number cannot hold exactly as bigint, others as numbers', () => {
    const raw = {
      id: { S: 'e' },
      payload: {
        L: [{ N: '12345678901234567890123' }, { N: '9007199254740993' }, { N: '2.5' }, { N: '7' }],
      },
    };
    expect(Event.unmarshal(raw).payload).toEqual([
      12345678901234567890123n,
      9007199254740993n,
      2.5,
      7,
    ]);
    const big = Event.marshal({ id: 'e', payload: 10n ** 30n });
    expect(big.payload).toEqual({ N: '1000000000000000000000000000000' });
    expect(Event.unmarshal(big).payload).toBe(10n ** 30n);
  });

  it.each([
    [{ at: new Date(0) }, 'payload.at', /use attr.date\(\) for dates/],
    [[1, undefined], 'payload[1]', /a value DynamoDB can store/],
    [new Set(), 'payload', /a non-empty Set/],
    [new Set(['a', 1]), 'payload', /a Set of strings only/],
    [Number.NaN, 'payload', /a finite number/],
    [new Map(), 'payload', /a value DynamoDB can store/],
    [{ f: () => 1 }, 'payload.f', /a value DynamoDB can store/],
    [10n ** 40n, 'payload', /at most 38 digits/],
    [{ '': 1 }, 'payload[""]', /a non-empty key/],
  ])('refuses what DynamoDB cannot store as it is: %o', (payload, path, expected) => {
    const error = caught(() => Event.marshal({ id: 'e', payload }));
    expect(error.path).toBe(path);
    expect(error.expected).toMatch(expected);
  });

  it('leaves out undefined object values, like an absent field', () => {
    expect(Event.marshal({ id: 'e', payload: { a: 1, b: undefined } }).payload).toEqual({
      M: { a: { N: '1' } },
    });
  });

  it('takes validate() like any attribute', () => {
    const Checked = defineItem({
      p: attr.any().validate((v) => typeof v === 'object' || 'an object or null'),
    });
    expect(caught(() => Checked.marshal({ p: 3 }))).toMatchObject({
      path: 'p',
      expected: 'an object or null',
    });
  });

  it('reads back exactly what was written (property)', () => {
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
        fc.boolean(),
        fc.constant(null),
        fc.uint8Array({ maxLength: 4 }),
        fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1 }), tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, (payload) => {
        expect(Event.unmarshal(Event.marshal({ id: 'e', payload }))).toEqual({ id: 'e', payload });
      }),
    );
  });
});
