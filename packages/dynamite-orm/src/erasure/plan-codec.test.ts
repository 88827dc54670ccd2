import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePlan } from './plan.js';
import { deserializePlan, fromTagged, planId, serializePlan, toTagged } from './plan-codec.js';
import { type ErasurePlan, LEGACY_PLAN_FORMAT, PLAN_FORMAT } from './plan-types.js';

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  // JSON has no -0.
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (d === 0 ? 0 : d)),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 8 }),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('any'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '$date', '$set', '$object', 'x y'), tie('any'), {
      maxKeys: 2,
    }),
    fc.uniqueArray(fc.string(), { maxLength: 3 }).map((items) => new Set(items)),
  ),
})).any;

describe('plan values as JSON', () => {
  it('come back as the same values, Dates, bigints, bytes, sets and $-keys included', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(fromTagged(JSON.parse(JSON.stringify(toTagged(v))))).toEqual(v);
      }),
    );
  });

  it('give equal text for equal values whatever the key order', () => {
    expect(JSON.stringify(toTagged({ b: 1, a: new Date(0) }))).toBe(
      JSON.stringify(toTagged({ a: new Date(0), b: 1 })),
    );
  });
});

describe('serialized plans', () => {
  const steps = [
    {
      action: 'remove' as const,
      table: 'messages',
      key: { roomId: 'r1', sentAt: new Date('2024-01-01T00:00:00Z') },
      fields: ['authorId'],
      expected: { authorId: 'u1' },
      path: [{ table: 'users', key: { userId: 'u1' }, via: 'subject' as const }],
    },
  ];
  const plan = makePlan('u1', ['messages', 'users'], steps);

  it('round-trip with their id', () => {
    expect(deserializePlan(serializePlan(plan))).toEqual(plan);
    expect(plan.createdAt).toBeInstanceOf(Date);
  });

  it('have an id of their own for each request, for the same steps', () => {
    const again = makePlan('u1', ['messages', 'users'], steps);
    expect(again.steps).toEqual(plan.steps);
    expect(again.id).not.toBe(plan.id);
    expect(again.requestId).not.toBe(plan.requestId);
  });

  it('still read a legacy plan, whose id is a hash of its steps alone, so its run can resume', () => {
    const legacy: ErasurePlan = {
      format: LEGACY_PLAN_FORMAT,
      id: planId({ format: LEGACY_PLAN_FORMAT, subjectId: 'u1', steps }),
      subjectId: 'u1',
      tables: ['messages', 'users'],
      steps,
    };
    expect(deserializePlan(serializePlan(legacy))).toEqual(legacy);
    expect(() => deserializePlan(serializePlan({ ...legacy, format: PLAN_FORMAT }))).toThrow(
      'does not match its steps',
    );
  });

  it('are refused when the steps no longer match the id', () => {
    const text = serializePlan(plan).replace('"authorId":"u1"', '"authorId":"u2"');
    expect(() => deserializePlan(text)).toThrow('does not match its steps');
    expect(() => deserializePlan('{')).toThrow('erasure plan text is not JSON');
  });
});
