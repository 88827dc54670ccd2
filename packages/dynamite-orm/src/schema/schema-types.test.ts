// Type tests of the schema builders, checked by `pnpm typecheck` (the vitest run only executes
// the few run-time assertions).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineTable } from '../define-table.js';
import type { InputOf, ItemOf, TableUpdateActions } from '../index.js';
import { allowAll } from '../policy/rules.js';
import { attr } from './builders.js';
import { defineItem } from './item-schema.js';

const Order = defineItem({
  id: attr.string(),
  amount: attr.number(),
  count: attr.int().validate((n) => n > 0 || 'a positive count'),
  legacy: attr.float().optional(),
  labels: attr.record(attr.string(), attr.int()),
  titles: attr.record(attr.literal('en', 'fr'), attr.string()).optional(),
  ref: attr.anyOf(attr.string(), attr.int(), attr.list(attr.string())),
  payment: attr.discriminated('method', {
    card: { last4: attr.string(), expires: attr.date().optional() },
    invoice: { dueDays: attr.int().default(30) },
  }),
  payload: attr.any(),
  source: attr.any<{ app: string }>().nullable(),
});

const orders = defineTable({
  name: 'orders',
  item: Order,
  partitionKey: 'id',
  policies: allowAll(),
});

describe('schema builder types', () => {
  it('reads back the user item, with no Attribute parameters in it', () => {
    expectTypeOf<ItemOf<typeof orders>>().toEqualTypeOf<{
      id: string;
      amount: number;
      count: number;
      legacy?: number;
      labels: Record<string, number>;
      titles?: { en?: string; fr?: string };
      ref: string | number | string[];
      payment:
        | { method: 'card'; last4: string; expires?: Date }
        | { method: 'invoice'; dueDays: number };
      payload: unknown;
      source: { app: string } | null;
    }>();
  });

  it('accepts on write what the builders take, defaults left out', () => {
    type In = InputOf<typeof orders>;
    expectTypeOf<In['payment']>().toEqualTypeOf<
      { method: 'card'; last4: string; expires?: Date } | { method: 'invoice'; dueDays?: number }
    >();
    const ok: In = {
      id: 'o',
      amount: 1.5,
      count: 2,
      labels: { a: 1 },
      titles: { fr: 'bonjour' },
      ref: ['x'],
      payment: { method: 'invoice' },
      payload: new Set(['anything']),
      source: null,
    };
    const base = ok;
    // @ts-expect-error fields of another variant are refused
    const mixed: In = { ...base, payment: { method: 'card', last4: '1', dueDays: 3 } };
    // @ts-expect-error an unknown tag is refused
    const tag: In = { ...base, payment: { method: 'cash' } };
    // @ts-expect-error a union takes only its members' types
    const ref: In = { ...base, ref: true };
    // @ts-expect-error record values follow the value attribute
    const value: In = { ...base, labels: { a: 'one' } };
    // @ts-expect-error literal keys are the only keys
    const key: In = { ...base, titles: { de: 'hallo' } };
    // @ts-expect-error attr.any<T>() takes T
    const source: In = { ...base, source: { app: 1 } };
    void [mixed, tag, ref, value, key, source];
  });

  it('narrows a discriminated union by its tag', () => {
    const dueDays = (payment: ItemOf<typeof orders>['payment']) => {
      if (payment.method === 'card') {
        expectTypeOf(payment.last4).toEqualTypeOf<string>();
        return undefined;
      }
      expectTypeOf(payment.dueDays).toEqualTypeOf<number>();
      return payment.dueDays;
    };
    expect(dueDays({ method: 'invoice', dueDays: 14 })).toBe(14);
  });

  it('types validate() checks by the value, never null, answering true, false or a text', () => {
    attr.string().validate((s) => {
      expectTypeOf(s).toEqualTypeOf<string>();
      return s !== '';
    });
    attr
      .int()
      .nullable()
      .validate((n) => {
        expectTypeOf(n).toEqualTypeOf<number>();
        return n > 0 || 'positive';
      });
    attr.stringSet().validate((s) => {
      expectTypeOf(s).toEqualTypeOf<ReadonlySet<string>>();
      return s.size < 10;
    });
    attr.map({ a: attr.int().default(1) }).validate((m) => {
      expectTypeOf(m).toEqualTypeOf<{ a?: number }>();
      return true;
    });
    // @ts-expect-error a check answers a boolean or a text
    attr.string().validate((s) => s.length);
    // @ts-expect-error the allowed text is a string
    attr.string().validate(() => true, 3);
    expectTypeOf(attr.string().validate(() => true)).toEqualTypeOf(attr.string());
  });

  it('keeps number(), int() and the deprecated float() as numbers', () => {
    expectTypeOf(attr.number()).toEqualTypeOf(attr.int());
    expectTypeOf(attr.float()).toEqualTypeOf(attr.number());
    expectTypeOf<ItemOf<typeof orders>['count']>().toEqualTypeOf<number>();
  });

  it('takes only string keys for records', () => {
    attr.record(attr.enum(['a', 'b']), attr.boolean());
    attr.record(
      attr.string().validate((k) => k.length < 10),
      attr.int(),
    );
    // Refused by the types, and at run time for JavaScript callers.
    // @ts-expect-error record keys are strings
    expect(() => attr.record(attr.int(), attr.string())).toThrow(/keys must be/);
    // @ts-expect-error record keys take no field modifiers
    expect(() => attr.record(attr.string().optional(), attr.string())).toThrow(/cannot use/);
  });

  it('keeps union and record contents out of update paths: they are set whole', () => {
    type Actions = TableUpdateActions<(typeof orders)['~shape']>;
    const ok: Actions = {
      set: { payment: { method: 'card', last4: '4242' }, labels: { b: 2 }, ref: 3 },
    };
    // @ts-expect-error variant fields are not paths of their own
    const inner: Actions = { set: { 'payment.last4': '1' } };
    // @ts-expect-error set takes the union's types
    const wrong: Actions = { set: { ref: false } };
    void [ok, inner, wrong];
  });
});
