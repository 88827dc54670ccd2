import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { allowAll } from '../policy/rules.js';
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

const Item = defineItem({
  id: attr.string(),
  amount: attr.number(),
  count: attr.int(),
  legacy: attr.float(),
});

describe('number attributes', () => {
  it('attr.number() takes any finite number and reads it back as the same double', () => {
    for (const amount of [1.5, -0.25, 1e300, 5e-324, 42, Number.MAX_SAFE_INTEGER + 2]) {
      const stored = Item.marshal({ id: 'a', amount, count: 1, legacy: amount });
      expect(stored.amount).toEqual({ N: String(amount) });
      expect(Item.unmarshal(stored).amount).toBe(amount);
    }
  });

  it.each([
    ['amount', Number.NaN, 'a finite number'],
    ['amount', Number.NEGATIVE_INFINITY, 'a finite number'],
    ['amount', '1', 'a finite number'],
    ['count', 1.5, 'a safe integer'],
    ['count', 2 ** 60, 'a safe integer'],
    ['count', 1n, 'a safe integer'],
    ['legacy', Number.POSITIVE_INFINITY, 'a finite number'],
  ])('refuses %s = %o on write, saying what is allowed', (field, value, expected) => {
    const error = caught(() =>
      Item.marshal({ id: 'a', amount: 1, count: 1, legacy: 1, [field]: value } as never),
    );
    expect(error).toMatchObject({ code: 'schema.invalid', path: field, expected, received: value });
  });

  it('attr.int() refuses a stored fraction on a strict read and returns it on a lenient one', () => {
    const raw = { id: { S: 'a' }, amount: { N: '1' }, count: { N: '1.5' }, legacy: { N: '2' } };
    expect(caught(() => Item.unmarshal(raw))).toMatchObject({
      path: 'count',
      expected: 'N holding a safe integer',
      received: '1.5',
    });
    expect(Item.unmarshal(raw, { validation: 'lenient' }).count).toBe(1.5);
    expect(Item.unmarshal({ ...raw, count: { N: '7' } }).count).toBe(7);
  });

  it('keeps one kind for number() and int(), told apart by isInteger; float() keeps its kind', () => {
    expect([attr.number().kind, attr.number().isInteger]).toEqual(['number', false]);
    expect([attr.int().kind, attr.int().isInteger]).toEqual(['number', true]);
    expect([attr.float().kind, attr.float().isInteger]).toEqual(['float', false]);
    expect(attr.int().optional().nullable().isInteger).toBe(true);
    const info = Object.fromEntries(Item.attributes.map((a) => [a.path, a]));
    expect(info.count?.integer).toBe(true);
    expect(info.amount?.integer).toBeUndefined();
  });

  it('lets attr.int() be the version and TTL of a table, and increments it', () => {
    const Counter = defineItem({
      id: attr.string(),
      hits: attr.int().default(0),
      expires: attr.int().optional(),
      version: attr.int(),
    });
    const counters = defineTable({
      name: 'counters',
      item: Counter,
      partitionKey: 'id',
      version: 'version',
      ttl: 'expires',
      policies: allowAll(),
    });
    expect(counters.version).toBe('version');
    const client = new DynamoDBClient({
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    try {
      const request = counters
        .connect(client)
        .asSystem('test')
        .requests.update({ id: 'a' }, { increment: { hits: 2 } }, { expectedVersion: 3 });
      expect(request.UpdateExpression).toContain('if_not_exists');
      expect(Object.values(request.ExpressionAttributeValues ?? {})).toContainEqual({ N: '2' });
      expect(() =>
        counters
          .connect(client)
          .asSystem('test')
          .requests.update({ id: 'a' }, { increment: { hits: 0.5 } }, { expectedVersion: 3 }),
      ).toThrow(/hits expected a safe integer, received 0.5/);
    } finally {
      client.destroy();
    }
  });
});
