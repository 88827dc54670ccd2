import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Profile } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr } from './builders.js';
import { defineItem } from './item-schema.js';

const created = new Date('2024-05-06T07:08:09.123Z');

function schemaError(fn: () => unknown): DynamiteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

describe('marshalling from the schema', () => {
  it('stores every attribute kind as its DynamoDB type and reads back the declared JS types', () => {
    const item = {
      userId: 'u1',
      email: 'ada@example.com',
      displayName: 'Ada',
      bio: null,
      age: 36,
      score: 12.5,
      balance: 12345678901234567890123n,
      verified: true,
      role: 'admin' as const,
      level: 2 as const,
      createdAt: created,
      lastSeen: created,
      expiresAt: new Date('2030-01-01T00:00:00.999Z'),
      tags: new Set(['a', 'b']),
      luckyNumbers: new Set([7, 1.5]),
      history: [{ at: created, action: 'login' }],
      address: { city: 'London', geo: { lat: 51.5, lon: -0.12 } },
      avatar: new Uint8Array([1, 2, 3]),
      version: 4,
    };
    const stored = Profile.marshal(item);
    expect(stored).toEqual({
      pk: { S: 'u1' },
      email: { S: 'ada@example.com' },
      displayName: { S: 'Ada' },
      bio: { NULL: true },
      age: { N: '36' },
      score: { N: '12.5' },
      balance: { N: '12345678901234567890123' },
      verified: { BOOL: true },
      role: { S: 'admin' },
      level: { N: '2' },
      createdAt: { S: '2024-05-06T07:08:09.123Z' },
      lastSeen: { N: String(created.getTime()) },
      expiresAt: { N: '1893456000' },
      tags: { SS: ['a', 'b'] },
      luckyNumbers: { NS: ['7', '1.5'] },
      history: { L: [{ M: { at: { S: '2024-05-06T07:08:09.123Z' }, action: { S: 'login' } } }] },
      address: {
        M: { city: { S: 'London' }, geo: { M: { lat: { N: '51.5' }, lon: { N: '-0.12' } } } },
      },
      avatar: { B: new Uint8Array([1, 2, 3]) },
      version: { N: '4' },
    });
    const read = Profile.unmarshal(stored);
    expect(read).toEqual({ ...item, expiresAt: new Date('2030-01-01T00:00:00.000Z') });
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(typeof read.balance).toBe('bigint');
    expect(read.tags).toBeInstanceOf(Set);
  });

  it('applies defaults on write and on read, and reads an absent set as an empty set', () => {
    const stored = Profile.marshal({
      userId: 'u1',
      email: 'e',
      displayName: 'd',
      bio: 'hi',
      createdAt: created,
      tags: new Set(),
      version: 1,
    });
    expect(stored.score).toEqual({ N: '0' });
    expect(stored.role).toEqual({ S: 'member' });
    expect(stored.history).toEqual({ L: [] });
    expect(stored.tags).toBeUndefined();
    const { score: _, role: __, ...withoutDefaults } = stored;
    const read = Profile.unmarshal(withoutDefaults);
    expect(read.score).toBe(0);
    expect(read.role).toBe('member');
    expect(read.tags).toEqual(new Set());
    expect('nickname' in read).toBe(false);
  });

  it('calls a default function for each item', () => {
    let calls = 0;
    const Item = defineItem({ id: attr.string().default(() => `id-${++calls}`) });
    expect(Item.marshal({}).id).toEqual({ S: 'id-1' });
    expect(Item.marshal({}).id).toEqual({ S: 'id-2' });
  });

  it('rejects unknown attributes on write, naming the path', () => {
    const error = schemaError(() =>
      Profile.marshal({
        userId: 'u1',
        email: 'e',
        displayName: 'd',
        bio: null,
        createdAt: created,
        tags: new Set(),
        version: 1,
        address: { city: 'x', country: 'UK' },
      } as never),
    );
    expect(error.code).toBe('schema.invalid');
    expect(error.path).toBe('address.country');
    expect(error.received).toBe('UK');
  });

  it('reports the path, the expectation and the value received for a wrong value deep in a list', () => {
    const error = schemaError(() =>
      Profile.marshal({
        userId: 'u1',
        email: 'e',
        displayName: 'd',
        bio: null,
        createdAt: created,
        tags: new Set(),
        version: 1,
        history: [
          { at: created, action: 'ok' },
          { at: 'yesterday', action: 'bad' },
        ],
      } as never),
    );
    expect(error).toMatchObject({
      code: 'schema.invalid',
      path: 'history[1].at',
      expected: 'a Date',
      received: 'yesterday',
    });
    expect(error.message).toContain('history[1].at expected a Date, received "yesterday"');
  });

  it.each([
    ['age', Number.POSITIVE_INFINITY, 'a safe integer'],
    ['score', Number.NaN, 'a finite number'],
    ['role', 'owner', 'one of "member", "moderator", "admin"'],
    ['createdAt', new Date('nope'), 'a valid Date'],
    ['tags', ['a'], 'a Set of strings'],
    ['balance', 10n ** 40n, 'a bigint of at most 38 digits'],
    ['displayName', null, 'a string'],
    ['avatar', [1, 2], 'a Uint8Array'],
  ])('rejects %s = %o on write', (field, value, expected) => {
    const error = schemaError(() =>
      Profile.marshal({
        userId: 'u1',
        email: 'e',
        displayName: 'd',
        bio: null,
        createdAt: created,
        tags: new Set(),
        version: 1,
        [field]: value,
      } as never),
    );
    expect(error).toMatchObject({ code: 'schema.invalid', path: field, expected });
  });

  it('rejects a missing required attribute on write', () => {
    const error = schemaError(() => Profile.marshal({ userId: 'u1' } as never));
    expect(error).toMatchObject({ code: 'schema.invalid', path: 'email' });
  });

  it('reads strictly by default: a wrong stored type or a missing attribute is an error', () => {
    const good = Profile.marshal({
      userId: 'u1',
      email: 'e',
      displayName: 'd',
      bio: null,
      createdAt: created,
      tags: new Set(),
      version: 1,
    });
    expect(schemaError(() => Profile.unmarshal({ ...good, age: { S: '36' } }))).toMatchObject({
      code: 'schema.invalid',
      path: 'age',
    });
    expect(schemaError(() => Profile.unmarshal({ ...good, role: { S: 'owner' } }))).toMatchObject({
      path: 'role',
      expected: 'one of "member", "moderator", "admin"',
    });
    const { displayName: _, ...missing } = good;
    expect(schemaError(() => Profile.unmarshal(missing))).toMatchObject({ path: 'displayName' });
  });

  it('reads leniently on request: mismatches come back as plain values, nothing throws', () => {
    const good = Profile.marshal({
      userId: 'u1',
      email: 'e',
      displayName: 'd',
      bio: null,
      createdAt: created,
      tags: new Set(),
      version: 1,
    });
    const { displayName: _, ...missing } = good;
    const read = Profile.unmarshal(
      { ...missing, age: { S: '36' }, role: { S: 'owner' }, createdAt: { S: 'garbage' } },
      { validation: 'lenient' },
    );
    expect(read.age as unknown).toBe('36');
    expect(read.role as unknown).toBe('owner');
    expect(read.createdAt as unknown).toBe('garbage');
    expect(read.displayName).toBeUndefined();
  });

  it('drops stored attributes the schema does not know on read', () => {
    const Item = defineItem({ id: attr.string() });
    expect(Item.unmarshal({ id: { S: 'a' }, legacy: { S: 'x' } })).toEqual({ id: 'a' });
  });

  it('round-trips any valid item exactly (property)', () => {
    const Item = defineItem({
      s: attr.string(),
      n: attr.number(),
      i: attr.int(),
      f: attr.float(),
      b: attr.bigint(),
      d: attr.date({ storage: 'epochMillis' }),
      iso: attr.date(),
      ss: attr.stringSet(),
      l: attr.list(attr.string()),
      m: attr.map({ x: attr.boolean(), y: attr.string().optional() }),
      o: attr.string().nullable().optional(),
    });
    const date = fc.date({
      min: new Date(-8.64e15 / 10),
      max: new Date(8.64e15 / 10),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.record(
          {
            s: fc.string(),
            n: fc.double({ noNaN: true, noDefaultInfinity: true }),
            i: fc.maxSafeInteger(),
            f: fc.double({ noNaN: true, noDefaultInfinity: true }),
            b: fc.bigInt({ min: -(10n ** 37n), max: 10n ** 37n }),
            d: date,
            iso: date,
            ss: fc.uniqueArray(fc.string()).map((a) => new Set(a)),
            l: fc.array(fc.string()),
            m: fc.record({ x: fc.boolean(), y: fc.string() }, { requiredKeys: ['x'] }),
            o: fc.option(fc.string(), { nil: null }),
          },
          { requiredKeys: ['s', 'n', 'i', 'f', 'b', 'd', 'iso', 'ss', 'l', 'm'] },
        ),
        (item) => {
          const read = Item.unmarshal(Item.marshal(item));
          // -0 is stored as "0": DynamoDB has no negative zero.
          expect(read).toEqual({
            ...item,
            n: item.n === 0 ? 0 : item.n,
            f: item.f === 0 ? 0 : item.f,
          });
        },
      ),
    );
  });

  it('encodes plain values as @aws-sdk/util-dynamodb does (same wire format)', () => {
    const Item = defineItem({
      s: attr.string(),
      n: attr.float(),
      ss: attr.stringSet(),
      l: attr.list(attr.map({ a: attr.number() })),
      bool: attr.boolean(),
      nul: attr.string().nullable(),
    });
    const value = {
      s: 'x',
      n: 1.25,
      ss: new Set(['p', 'q']),
      l: [{ a: 1 }],
      bool: false,
      nul: null,
    };
    expect(Item.marshal(value)).toEqual(marshall(value));
    expect(Item.unmarshal(marshall(value))).toEqual(unmarshall(marshall(value)));
  });
});
