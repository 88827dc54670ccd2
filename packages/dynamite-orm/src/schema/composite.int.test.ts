// Unions, records, attr.any() and validate() against DynamoDB Local: DynamoDB takes the stored
// forms (odd record keys included) and the table operations read them back typed.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { ItemOf } from '../index.js';
import { allowAll } from '../policy/rules.js';
import { attr } from './builders.js';
import { defineItem } from './item-schema.js';

const Listing = defineItem({
  id: attr.string(),
  price: attr.number().validate((n) => n >= 0 || 'a price of at least 0'),
  stock: attr.int(),
  delivery: attr.discriminated('kind', {
    pickup: { store: attr.string() },
    ship: { days: attr.int(), tracking: attr.string().optional() },
  }),
  attributes: attr.record(attr.string(), attr.anyOf(attr.string(), attr.number())),
  names: attr.record(attr.enum(['en', 'fr']), attr.string()).optional(),
  raw: attr.any().optional(),
});
const listings = defineTable({
  name: 'listings',
  item: Listing,
  partitionKey: 'id',
  policies: allowAll(),
});

const client = localClient();
let tableName: string;
let db: ReturnType<ReturnType<typeof listings.connect>['as']>;
beforeAll(async () => {
  tableName = await createTable(client, listings);
  db = listings.connect(client, { tableName }).as({ userId: 'tester' });
});
afterAll(() => client.destroy());

const item: ItemOf<typeof listings> = {
  id: 'l1',
  price: 12.5,
  stock: 3,
  delivery: { kind: 'ship', days: 2 },
  attributes: { colour: 'red', 'weight.kg': 1.25, 'with space': 'y', '🙂': 'emoji' },
  names: { fr: 'lampe' },
  raw: { nested: [1, 'two', { three: null }], big: 12345678901234567890123n },
};

async function rejection(promise: Promise<unknown>): Promise<DynamiteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

describe('composite attributes in DynamoDB', () => {
  it('writes and reads back unions, records and any values exactly', async () => {
    await db.put(item);
    expect(await db.get({ id: 'l1' }, { consistentRead: true })).toEqual(item);
    const stored = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { id: { S: 'l1' } }, ConsistentRead: true }),
    );
    expect(stored.Item?.delivery).toEqual({ M: { kind: { S: 'ship' }, days: { N: '2' } } });
    expect(stored.Item?.attributes?.M?.['weight.kg']).toEqual({ N: '1.25' });
  });

  it('refuses an empty record key, which DynamoDB refuses as an attribute name', async () => {
    const error = await rejection(db.put({ ...item, id: 'l0', attributes: { '': 'x' } }));
    expect(error).toMatchObject({ path: 'attributes[""]', expected: /non-empty key/ });
    // What DynamoDB itself answers when the check is bypassed:
    const raw = listings.marshal({ ...item, id: 'l0' });
    await expect(
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { ...raw, attributes: { M: { '': { S: 'x' } } } },
        }),
      ),
    ).rejects.toThrow(/Empty attribute name/);
  });

  it('keeps a __proto__ record key through DynamoDB', async () => {
    const attributes = JSON.parse('{"__proto__": "kept", "a": 1}') as Record<string, string>;
    await db.put({ ...item, id: 'l2', attributes });
    const read = await db.get({ id: 'l2' }, { consistentRead: true });
    expect(Object.keys(read?.attributes ?? {})).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(read?.attributes)).toBe(Object.prototype);
  });

  it('sets a whole union or record in an update, checked against the schema', async () => {
    const { item: updated } = await db.update(
      { id: 'l1' },
      { set: { delivery: { kind: 'pickup', store: 'Leeds' }, names: { en: 'lamp' } } },
    );
    expect(updated?.delivery).toEqual({ kind: 'pickup', store: 'Leeds' });
    expect(updated?.names).toEqual({ en: 'lamp' });
    const error = await rejection(
      db.update({ id: 'l1' }, { set: { delivery: { kind: 'drone' } as never } }),
    );
    expect(error).toMatchObject({ path: 'delivery.kind', expected: 'one of "pickup", "ship"' });
  });

  it('refuses a failing check before anything is sent, and a stored value that fails it on read', async () => {
    const error = await rejection(db.put({ ...item, id: 'l3', price: -1 }));
    expect(error).toMatchObject({ path: 'price', expected: 'a price of at least 0', received: -1 });
    expect(await db.get({ id: 'l3' }, { consistentRead: true })).toBeUndefined();

    const valid = listings.marshal({ ...item, id: 'l4' });
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: { ...valid, price: { N: '-5' } } }),
    );
    const read = await rejection(db.get({ id: 'l4' }, { consistentRead: true }));
    expect(read).toMatchObject({ code: 'schema.invalid', path: 'price', received: -5 });
    const lenient = await db.get({ id: 'l4' }, { consistentRead: true, validation: 'lenient' });
    expect(lenient?.price).toBe(-5);
  });
});
