// Computed attributes and timestamps, on a plain table and on a single-table entity: what is
// stored (read raw), what comes back typed, and what is refused with nothing written.
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { transactWrite } from '../client/transact.js';
import { defineTable } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { allowAll } from '../policy/rules.js';
import { defineSingleTable } from '../single-table/define-single-table.js';
import { createTableInput } from '../table/create-table.js';
import { attr } from './builders.js';
import { defineItem } from './item-schema.js';

const person = defineItem({
  id: attr.string(),
  first: attr.string(),
  last: attr.string(),
  fullName: attr.string().computed(['first', 'last'], (p) => `${p.first} ${p.last}`),
  createdAt: attr.date().timestamp('created'),
  updatedAt: attr.date().timestamp('updated'),
});
const people = defineTable({
  name: 'people',
  item: person,
  partitionKey: 'id',
  policies: allowAll(),
});

const app = defineSingleTable({ name: 'app', partitionKey: 'pk', sortKey: 'sk' });
const Member = app.entity({
  name: 'member',
  item: defineItem({
    memberId: attr.string(),
    email: attr.string(),
    domain: attr.string().computed(['email'], (m) => String(m.email).split('@')[1] ?? ''),
    createdAt: attr.date().timestamp('created'),
    updatedAt: attr.date().timestamp('updated'),
  }),
  key: { partitionKey: 'MEMBER#{memberId}', sortKey: 'PROFILE' },
  policies: allowAll(),
});

const client = localClient();
let db: ReturnType<ReturnType<typeof people.connect>['as']>;
let members: ReturnType<ReturnType<typeof Member.connect>['as']>;
let peopleTable: string;
let appTable: string;

beforeAll(async () => {
  peopleTable = await createTable(client, people);
  db = people.connect(client, { tableName: peopleTable }).as({});
  appTable = uniqueName('app');
  await client.send(
    new CreateTableCommand(createTableInput(app.physical, { tableName: appTable })),
  );
  members = Member.connect(client, { tableName: appTable }).as({});
});
afterAll(() => client.destroy());

async function raw(tableName: string, key: Record<string, string>) {
  const Key = Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }]));
  const out = await client.send(new GetItemCommand({ TableName: tableName, Key }));
  return out.Item;
}

async function refused(write: Promise<unknown>): Promise<DynamiteError> {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DynamiteError);
  expect((error as DynamiteError).code).toBe('request.invalid');
  return error as DynamiteError;
}

describe('computed attributes and timestamps on a table', () => {
  it('a put stores the computed value and both timestamps, read back typed', async () => {
    const before = new Date();
    const { item } = await db.put({ id: 'p1', first: 'Ada', last: 'Lovelace' });
    expect(item.fullName).toBe('Ada Lovelace');
    const stored = await raw(peopleTable, { id: 'p1' });
    expect(stored?.fullName).toEqual({ S: 'Ada Lovelace' });
    expect(stored?.createdAt?.S).toBe(item.createdAt.toISOString());
    expect(stored?.updatedAt?.S).toBe(item.createdAt.toISOString());
    expect(item.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const read = await db.get({ id: 'p1' });
    expectTypeOf(read!.fullName).toEqualTypeOf<string>();
    expectTypeOf(read!.updatedAt).toEqualTypeOf<Date>();
    expect(read).toEqual(item);
  });

  it('an update recomputes from the fields it sets, keeps createdAt and moves updatedAt', async () => {
    await client.send(
      new PutItemCommand({
        TableName: peopleTable,
        Item: {
          id: { S: 'p2' },
          first: { S: 'Grace' },
          last: { S: 'Brewster' },
          fullName: { S: 'Grace Brewster' },
          createdAt: { S: '2020-01-01T00:00:00.000Z' },
          updatedAt: { S: '2020-01-01T00:00:00.000Z' },
        },
      }),
    );
    const result = await db.update({ id: 'p2' }, { set: { first: 'Grace', last: 'Hopper' } });
    expect(result.item?.fullName).toBe('Grace Hopper');
    const stored = await raw(peopleTable, { id: 'p2' });
    expect(stored?.fullName).toEqual({ S: 'Grace Hopper' });
    expect(stored?.createdAt).toEqual({ S: '2020-01-01T00:00:00.000Z' });
    expect(stored?.updatedAt?.S).toBe(result.item?.updatedAt.toISOString());
    expect(result.item!.updatedAt.getTime()).toBeGreaterThan(Date.parse('2020-01-02'));
  });

  it('an upserting update sets createdAt on the item it creates', async () => {
    const result = await db.update(
      { id: 'p3' },
      { set: { first: 'Mary', last: 'Jackson' } },
      { upsert: true },
    );
    const stored = await raw(peopleTable, { id: 'p3' });
    expect(stored?.fullName).toEqual({ S: 'Mary Jackson' });
    expect(stored?.createdAt?.S).toBe(result.item?.updatedAt.toISOString());
  });

  it('refuses an update that changes some of the fields a computed value reads, naming the rest', async () => {
    await db.put({ id: 'p4', first: 'Katherine', last: 'Johnson' });
    const error = await refused(db.update({ id: 'p4' }, { set: { first: 'Kate' } }));
    expect(error.message).toContain('fullName is computed from first, last');
    expect(error.message).toContain('does not set last');
    expect((await raw(peopleTable, { id: 'p4' }))?.first).toEqual({ S: 'Katherine' });
  });

  it('shows the write policy the derived values an update sends, alone and in a transaction', async () => {
    const seen: Record<string, unknown>[] = [];
    const watched = defineTable({
      name: 'watched',
      item: person,
      partitionKey: 'id',
      policies: {
        read: [() => 'allow'],
        write: [
          (_viewer, op) => {
            if (op.type === 'update') seen.push({ ...op.changes });
            return 'allow';
          },
        ],
      },
    });
    const tableName = await createTable(client, watched);
    const w = watched.connect(client, { tableName }).as({});
    await w.put({ id: 'w1', first: 'Ada', last: 'Lovelace' });
    await w.update({ id: 'w1' }, { set: { first: 'Ada', last: 'King' } });
    await transactWrite([w.tx.update({ id: 'w1' }, { set: { first: 'Augusta', last: 'King' } })]);
    const stored = await raw(tableName, { id: 'w1' });
    expect(seen.map((c) => (c.set as Record<string, unknown>).fullName)).toEqual([
      'Ada King',
      'Augusta King',
    ]);
    // The transaction's policy saw the very time it stored.
    const last = seen[1]!.set as Record<string, Date>;
    expect(last.updatedAt).toBeInstanceOf(Date);
    expect(stored?.updatedAt).toEqual({ S: last.updatedAt!.toISOString() });
    expect(stored?.fullName).toEqual({ S: 'Augusta King' });
  });

  it('refuses computed values and timestamps given as input, writing nothing', async () => {
    const forced = { id: 'p5', first: 'A', last: 'B', fullName: 'forged' };
    const error = await refused(db.put(forced as never));
    expect(error.message).toContain('fullName is set by dynamite');
    expect(await raw(peopleTable, { id: 'p5' })).toBeUndefined();
    await db.put({ id: 'p6', first: 'A', last: 'B' });
    const stamp = { set: { createdAt: new Date('2000-01-01') } };
    await refused(db.update({ id: 'p6' }, stamp as never));
    expect((await raw(peopleTable, { id: 'p6' }))?.createdAt?.S).not.toBe(
      '2000-01-01T00:00:00.000Z',
    );
  });

  it('makes writing a derived attribute a type error', () => {
    const check = () => {
      // @ts-expect-error computed attributes are not input
      void db.put({ id: 'x', first: 'A', last: 'B', fullName: 'forged' });
      // @ts-expect-error timestamps are not input
      void db.put({ id: 'x', first: 'A', last: 'B', createdAt: new Date() });
      // @ts-expect-error nor can an update set them
      void db.update({ id: 'x' }, { set: { updatedAt: new Date() } });
    };
    expect(typeof check).toBe('function');
  });
});

describe('computed attributes and timestamps on a single-table entity', () => {
  it('put and update store the derived values next to the entity keys', async () => {
    const { item } = await members.put({ memberId: 'm1', email: 'ada@example.com' });
    expect(item.domain).toBe('example.com');
    const stored = await raw(appTable, { pk: 'MEMBER#m1', sk: 'PROFILE' });
    expect(stored?.domain).toEqual({ S: 'example.com' });
    expect(stored?.createdAt?.S).toBe(item.createdAt.toISOString());
    const updated = await members.update({ memberId: 'm1' }, { set: { email: 'ada@symval.org' } });
    const after = await raw(appTable, { pk: 'MEMBER#m1', sk: 'PROFILE' });
    expect(after?.domain).toEqual({ S: 'symval.org' });
    expect(after?.createdAt).toEqual(stored?.createdAt);
    expect(after?.updatedAt?.S).toBe(updated.item?.updatedAt.toISOString());
    expectTypeOf(updated.item!.domain).toEqualTypeOf<string>();
    await refused(members.put({ memberId: 'm2', email: 'x@y.z', domain: 'forged' } as never));
    expect(await raw(appTable, { pk: 'MEMBER#m2', sk: 'PROFILE' })).toBeUndefined();
  });
});

describe('definitions', () => {
  it('refuses a timestamp on a non-date and a computed value from an unknown field', () => {
    expect(() => defineItem({ at: attr.string().timestamp('updated') })).toThrow(
      /at: \.timestamp\(\) needs a date attribute/,
    );
    expect(() =>
      defineItem({ a: attr.string(), b: attr.string().computed(['c' as 'a'], (x) => x.a) }),
    ).toThrow(/b: computed from c, which is not a field/);
    expect(() => defineItem({ m: attr.map({ at: attr.date().timestamp('created') }) })).toThrow(
      /m\.at: computed and timestamp attributes must be top-level/,
    );
  });
});
