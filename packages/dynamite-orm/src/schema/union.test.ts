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

const Payment = attr.discriminated('method', {
  card: { last4: attr.string(), expires: attr.date().optional() },
  invoice: { dueDays: attr.int().default(30), po: attr.string().savedAs('PO').optional() },
  free: {},
});

const Order = defineItem({
  id: attr.string(),
  payment: Payment,
  ref: attr.anyOf(attr.string(), attr.int(), attr.list(attr.string())).optional(),
  when: attr.anyOf(attr.date({ storage: 'epochMillis' }), attr.literal('asap')).nullable(),
});

describe('attr.discriminated', () => {
  it('stores the tag next to the variant fields and reads the variant back by its tag', () => {
    const stored = Order.marshal({
      id: 'o1',
      payment: { method: 'invoice', po: 'P-7' },
      when: null,
    });
    expect(stored.payment).toEqual({
      M: { method: { S: 'invoice' }, dueDays: { N: '30' }, PO: { S: 'P-7' } },
    });
    expect(Order.unmarshal(stored).payment).toEqual({ method: 'invoice', dueDays: 30, po: 'P-7' });
    const free = Order.marshal({ id: 'o2', payment: { method: 'free' }, when: 'asap' });
    expect(free.payment).toEqual({ M: { method: { S: 'free' } } });
    expect(Order.unmarshal(free)).toEqual({ id: 'o2', payment: { method: 'free' }, when: 'asap' });
  });

  it.each([
    [{ method: 'cash' }, 'payment.method', 'one of "card", "invoice", "free"', 'cash'],
    [{ last4: '1234' }, 'payment.method', 'one of "card", "invoice", "free"', undefined],
    [{ method: 'card' }, 'payment.last4', 'a value (the attribute is required)', undefined],
    [
      { method: 'free', last4: '1' },
      'payment.last4',
      'no such attribute (unknown attributes are rejected)',
      '1',
    ],
    [{ method: 'invoice', dueDays: 1.5 }, 'payment.dueDays', 'a safe integer', 1.5],
    ['card', 'payment', 'an object with a method', 'card'],
  ])(
    'refuses payment %o, naming the path and what is allowed',
    (payment, path, expected, received) => {
      const error = caught(() => Order.marshal({ id: 'o', payment, when: null } as never));
      expect(error).toMatchObject({ code: 'schema.invalid', path, expected, received });
    },
  );

  it('refuses a stored map with an unknown or missing tag on a strict read', () => {
    const raw = { id: { S: 'o' }, when: { NULL: true } };
    const hex = { ...raw, payment: { M: { method: { S: 'crypto' } } } };
    expect(caught(() => Order.unmarshal(hex))).toMatchObject({
      path: 'payment.method',
      expected: 'S holding one of "card", "invoice", "free"',
      received: 'crypto',
    });
    expect(caught(() => Order.unmarshal({ ...raw, payment: { M: {} } }))).toMatchObject({
      path: 'payment.method',
    });
    expect(Order.unmarshal(hex, { validation: 'lenient' }).payment).toEqual({ method: 'crypto' });
  });

  it('checks its definition', () => {
    expect(() => attr.discriminated('kind', {})).toThrow(/at least one variant/);
    expect(() => attr.discriminated('a.b', { x: {} })).toThrow(/tag must be a field name/);
    expect(() => attr.discriminated('kind', { x: { kind: attr.string() } })).toThrow(
      /kind clashes with the tag "kind"/,
    );
    expect(() => attr.discriminated('kind', { x: { k: attr.string().savedAs('kind') } })).toThrow(
      /clashes with the tag/,
    );
    expect(() => attr.discriminated('kind', { x: attr.map({}) } as never)).toThrow(
      /must be an object of fields/,
    );
    expect(() =>
      defineItem({ p: attr.discriminated('t', { x: { 'bad name': attr.string() } }) }),
    ).toThrow(/field name "p.bad name" is not valid/);
  });
});

describe('attr.anyOf', () => {
  it('stores each value as the member that takes it and reads it back by the stored type', () => {
    const at = new Date('2024-01-02T03:04:05.678Z');
    for (const [ref, storedRef] of [
      ['abc', { S: 'abc' }],
      [42, { N: '42' }],
      [['x', 'y'], { L: [{ S: 'x' }, { S: 'y' }] }],
    ] as const) {
      const item = { id: 'o', payment: { method: 'free' as const }, ref, when: at };
      const stored = Order.marshal(item);
      expect(stored.ref).toEqual(storedRef);
      expect(stored.when).toEqual({ N: String(at.getTime()) });
      expect(Order.unmarshal(stored)).toEqual(item);
    }
  });

  it.each([
    [true, 'ref', 'a string, a safe integer or an array'],
    [1.5, 'ref', 'a safe integer'],
    [['a', 2], 'ref[1]', 'a string'],
  ])('refuses ref = %o with what the members take', (ref, path, expected) => {
    const error = caught(() =>
      Order.marshal({ id: 'o', payment: { method: 'free' }, ref, when: null } as never),
    );
    expect(error).toMatchObject({ path, expected });
  });

  it('refuses a stored type no member writes, unless the read is lenient', () => {
    const raw = {
      id: { S: 'o' },
      payment: { M: { method: { S: 'free' } } },
      when: { NULL: true },
      ref: { BOOL: true },
    };
    expect(caught(() => Order.unmarshal(raw))).toMatchObject({
      path: 'ref',
      expected: 'one of the stored types S, N, L',
    });
    expect(Order.unmarshal(raw, { validation: 'lenient' }).ref).toBe(true);
  });

  it('refuses members a read could not tell apart, and field modifiers on members', () => {
    expect(() => attr.anyOf(attr.string(), attr.date())).toThrow(/both stored as S/);
    expect(() => attr.anyOf(attr.int(), attr.bigint())).toThrow(/both stored as N/);
    expect(() => attr.anyOf(attr.map({}), attr.record(attr.string(), attr.int()))).toThrow(
      /use attr.discriminated/,
    );
    expect(() => attr.anyOf(attr.string(), attr.any())).toThrow(/already takes every value/);
    expect(() => attr.anyOf(attr.string().optional(), attr.int())).toThrow(/cannot use .optional/);
    expect(() => attr.anyOf(attr.string().nullable(), attr.int())).toThrow(/cannot use .nullable/);
    expect(() => attr.anyOf(attr.string())).toThrow(/at least two members/);
  });

  it('refuses an empty set, which would leave the attribute absent', () => {
    const Tags = defineItem({ t: attr.anyOf(attr.stringSet(), attr.string()) });
    expect(Tags.unmarshal(Tags.marshal({ t: new Set(['a']) }))).toEqual({ t: new Set(['a']) });
    expect(caught(() => Tags.marshal({ t: new Set() }))).toMatchObject({
      path: 't',
      expected: 'a non-empty set (a union member cannot be absent)',
    });
  });
});

describe('union round trips (property)', () => {
  const Shape = defineItem({
    id: attr.string(),
    shape: attr.discriminated('kind', {
      circle: { r: attr.number() },
      rect: { w: attr.number(), h: attr.number(), label: attr.string().optional() },
      group: { children: attr.list(attr.string()), meta: attr.record(attr.string(), attr.int()) },
    }),
    value: attr.anyOf(
      attr.string(),
      attr.number(),
      attr.boolean(),
      attr.list(attr.int()),
      attr.map({ x: attr.string() }),
    ),
  });
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));
  const shape = fc.oneof(
    fc.record({ kind: fc.constant('circle' as const), r: finite }),
    fc.record(
      { kind: fc.constant('rect' as const), w: finite, h: finite, label: fc.string() },
      { requiredKeys: ['kind', 'w', 'h'] },
    ),
    fc.record({
      kind: fc.constant('group' as const),
      children: fc.array(fc.string()),
      meta: fc.dictionary(fc.string({ minLength: 1 }), fc.maxSafeInteger()),
    }),
  );
  const value = fc.oneof(
    fc.string(),
    finite,
    fc.boolean(),
    fc.array(fc.maxSafeInteger()),
    fc.record({ x: fc.string() }),
  );

  it('reads back exactly what was written', () => {
    fc.assert(
      fc.property(fc.string(), shape, value, (id, s, v) => {
        const item = { id, shape: s, value: v };
        expect(Shape.unmarshal(Shape.marshal(item))).toEqual(item);
      }),
    );
  });
});
