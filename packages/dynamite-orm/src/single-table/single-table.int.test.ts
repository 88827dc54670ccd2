import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../test/dynamo.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { fieldEqualsViewer } from '../policy/field-rule.js';
import { allowAll, allowSystem } from '../policy/rules.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { viewerType } from '../table/config.js';
import { createTableInput } from '../table/create-table.js';
import { defineSingleTable } from './define-single-table.js';
import type { EntityQueryKey } from './types.js';

const app = defineSingleTable({
  name: 'app',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    lsi1: { type: 'local', sortKey: 'lsi1sk' },
  },
  entityAttribute: 'kind',
});

const User = app.entity({
  name: 'user',
  item: defineItem({
    userId: attr.string(),
    email: attr.string(),
    name: attr.string(),
    plan: attr.literal('free', 'pro').default('free'),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'PROFILE' },
  indexes: { gsi1: { partitionKey: 'EMAIL#{email}', sortKey: 'USER' } },
  viewer: viewerType<{ userId: string }>(),
  policies: {
    read: [allowSystem(), fieldEqualsViewer('userId', 'userId')],
    write: [allowSystem(), fieldEqualsViewer('userId', 'userId')],
  },
});

const Order = app.entity({
  name: 'order',
  item: defineItem({
    userId: attr.string(),
    orderDate: attr.date(),
    orderId: attr.string(),
    status: attr.literal('open', 'shipped'),
    total: attr.int(),
    note: attr.string().optional(),
    version: attr.int(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'ORDER#{orderDate}#{orderId}' },
  indexes: {
    gsi1: { partitionKey: 'STATUS#{status}', sortKey: 'ORDER#{orderDate}#{orderId}' },
    lsi1: { sortKey: 'TOTAL#{total}#{orderId}' },
  },
  version: 'version',
  policies: allowAll(),
});

const client = localClient();
let tableName: string;
let users: ReturnType<typeof User.connect>;
let orders: ReturnType<typeof Order.connect>;
const day = (d: number) => new Date(Date.UTC(2024, 0, d));
const job = 'test';

beforeAll(async () => {
  tableName = uniqueName('app');
  await client.send(new CreateTableCommand(createTableInput(app.physical, { tableName })));
  users = User.connect(client, { tableName });
  orders = Order.connect(client, { tableName });
  await users.asSystem(job).put({ userId: 'ada', email: 'ada@example.com', name: 'Ada' });
  await users.asSystem(job).put({ userId: 'bob', email: 'bob@example.com', name: 'Bob' });
  for (let i = 1; i <= 6; i++) {
    await orders.asSystem(job).put({
      userId: 'ada',
      orderDate: day(i <= 3 ? 1 : i),
      orderId: `o${i}`,
      status: i % 2 ? 'open' : 'shipped',
      total: i * 10,
    });
  }
  await orders
    .asSystem(job)
    .put({ userId: 'bob', orderDate: day(1), orderId: 'b1', status: 'open', total: 5 });
});
afterAll(() => client.destroy());

describe('single table: keys derived on write', () => {
  it('stores the composed keys, the index keys and the entity type', async () => {
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'USER#ada' }, sk: { S: 'ORDER#2024-01-01T00:00:00.000Z#o2' } },
      }),
    );
    expect(raw.Item).toMatchObject({
      kind: { S: 'order' },
      gsi1pk: { S: 'STATUS#shipped' },
      gsi1sk: { S: 'ORDER#2024-01-01T00:00:00.000Z#o2' },
      lsi1sk: { S: 'TOTAL#20#o2' },
      userId: { S: 'ada' },
    });
  });

  it('reads an item by its key fields, typed and without the stored key attributes', async () => {
    const user = await users.asSystem(job).get({ userId: 'ada' });
    expect(user).toEqual({ userId: 'ada', email: 'ada@example.com', name: 'Ada', plan: 'free' });
    const order = await orders
      .asSystem(job)
      .get({ userId: 'ada', orderDate: day(1), orderId: 'o1' });
    expect(order?.orderDate).toEqual(day(1));
    expect(order?.version).toBe(1);
    expect(Object.keys(order ?? {}).sort()).toEqual([
      'orderDate',
      'orderId',
      'status',
      'total',
      'userId',
      'version',
    ]);
  });

  it("applies the entity's own policy", async () => {
    expect((await users.as({ userId: 'ada' }).get({ userId: 'ada' }))?.name).toBe('Ada');
    await expect(users.as({ userId: 'bob' }).get({ userId: 'ada' })).rejects.toMatchObject({
      code: 'policy.denied',
    });
    await expect(
      users.as({ userId: 'bob' }).put({ userId: 'ada', email: 'x@example.com', name: 'Mallory' }),
    ).rejects.toMatchObject({ code: 'policy.denied' });
  });
});

describe('single table: typed key conditions', () => {
  const ids = (items: { orderId: string }[]) => items.map((o) => o.orderId);

  it("returns only the entity's items of a partition the user shares with its orders", async () => {
    const page = await orders.asSystem(job).query({ key: { userId: 'ada' } });
    expect(ids(page.items)).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    const profile = await users.asSystem(job).query({ key: { userId: 'ada' } });
    expect(profile.items.map((u) => u.name)).toEqual(['Ada']);
  });

  it('takes the sort key fields from the left: a partial composite is a prefix', async () => {
    const sameDay = await orders.asSystem(job).query({ key: { userId: 'ada', orderDate: day(1) } });
    expect(ids(sameDay.items)).toEqual(['o1', 'o2', 'o3']);
    const exact = await orders
      .asSystem(job)
      .query({ key: { userId: 'ada', orderDate: day(1), orderId: 'o2' } });
    expect(ids(exact.items)).toEqual(['o2']);
    const january = await orders
      .asSystem(job)
      .query({ key: { userId: 'ada', orderDate: { beginsWith: '2024-01-0' } }, descending: true });
    expect(ids(january.items)).toEqual(['o6', 'o5', 'o4', 'o3', 'o2', 'o1']);
  });

  it('bounds range conditions to the prefix, on the last field given', async () => {
    const q = (key: EntityQueryKey<(typeof Order)['~shape'], undefined>) =>
      orders
        .asSystem(job)
        .query({ key })
        .then((p) => ids(p.items));
    expect(await q({ userId: 'ada', orderDate: { gt: day(1) } })).toEqual(['o4', 'o5', 'o6']);
    expect(await q({ userId: 'ada', orderDate: { ge: day(5) } })).toEqual(['o5', 'o6']);
    expect(await q({ userId: 'ada', orderDate: { lt: day(5) } })).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(await q({ userId: 'ada', orderDate: { le: day(1) } })).toEqual(['o1', 'o2', 'o3']);
    expect(await q({ userId: 'ada', orderDate: { between: [day(1), day(4)] } })).toEqual([
      'o1',
      'o2',
      'o3',
      'o4',
    ]);
    expect(await q({ userId: 'ada', orderDate: day(1), orderId: { gt: 'o1' } })).toEqual([
      'o2',
      'o3',
    ]);
    expect(await q({ userId: 'ada', orderDate: day(1), orderId: { lt: 'o3' } })).toEqual([
      'o1',
      'o2',
    ]);
    expect(await q({ userId: 'ada', orderDate: day(1), orderId: { le: 'o2' } })).toEqual([
      'o1',
      'o2',
    ]);
  });

  it('queries an overloaded global index with keys built the same way', async () => {
    const open = await orders.asSystem(job).query({ index: 'gsi1', key: { status: 'open' } });
    expect(ids(open.items).sort()).toEqual(['b1', 'o1', 'o3', 'o5']);
    const byEmail = await users
      .asSystem(job)
      .query({ index: 'gsi1', key: { email: 'bob@example.com' } });
    expect(byEmail.items.map((u) => u.userId)).toEqual(['bob']);
    const local = await orders
      .asSystem(job)
      .query({ index: 'lsi1', key: { userId: 'ada', total: 30 } });
    expect(ids(local.items)).toEqual(['o3']);
  });

  it('refuses keys it cannot build, naming what is missing', async () => {
    await expect(orders.asSystem(job).query({ key: {} as never })).rejects.toThrow(
      'query on entity order: the partition key USER#{userId} needs userId',
    );
    await expect(
      orders.asSystem(job).query({ key: { userId: 'ada', orderId: 'o1' } }),
    ).rejects.toThrow(
      'orderId is given but orderDate is not; give the fields of ORDER#{orderDate}#{orderId} from the left',
    );
    await expect(
      orders.asSystem(job).query({ key: { userId: 'ada', nope: 1 } as never }),
    ).rejects.toThrow('nope is not a key field');
  });

  it('pages through a query with a cursor', async () => {
    const first = await orders.asSystem(job).query({ key: { userId: 'ada' }, limit: 4 });
    const rest = await orders.asSystem(job).query({ key: { userId: 'ada' }, cursor: first.cursor });
    expect([...ids(first.items), ...ids(rest.items)]).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    const all = [];
    for await (const o of orders
      .asSystem(job)
      .queryAll({ key: { userId: 'ada', orderDate: day(1) } }))
      all.push(o.orderId);
    expect(all).toEqual(['o1', 'o2', 'o3']);
  });
});

describe('single table: updates of fields a key is built from', () => {
  it('rewrites the index keys when the update sets every field they read', async () => {
    const key = { userId: 'ada', orderDate: day(6), orderId: 'o6' };
    const { item } = await orders
      .asSystem(job)
      .update(key, { set: { status: 'open', total: 61 } }, { expectedVersion: 'any' });
    expect(item).toMatchObject({ status: 'open', total: 61, version: 2 });
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'USER#ada' }, sk: { S: 'ORDER#2024-01-06T00:00:00.000Z#o6' } },
      }),
    );
    expect(raw.Item?.gsi1pk).toEqual({ S: 'STATUS#open' });
    expect(raw.Item?.lsi1sk).toEqual({ S: 'TOTAL#61#o6' });
    const open = await orders.asSystem(job).query({ index: 'gsi1', key: { status: 'open' } });
    expect(open.items.map((o) => o.orderId)).toContain('o6');
  });

  it('refuses a change to a field of the primary key, and a change it cannot rebuild an index key from', async () => {
    const key = { userId: 'ada', orderDate: day(5), orderId: 'o5' };
    await expect(
      orders
        .asSystem(job)
        .update(key, { set: { orderId: 'o9' } as never }, { expectedVersion: 'any' }),
    ).rejects.toThrow(/orderId is part of its key .*delete it and put the new one/);
    await expect(
      orders.asSystem(job).update(key, { increment: { total: 1 } }, { expectedVersion: 'any' }),
    ).rejects.toThrow(
      "update of entity order: total is read by index lsi1's key (TOTAL#{total}#{orderId}), which the update must rewrite: change total with set (not increment)",
    );
    const stored = await orders.asSystem(job).get(key);
    expect(stored?.total).toBe(50);
  });

  it('refuses a write with a key field missing, as schema.invalid at that field', async () => {
    await expect(
      orders.asSystem(job).put({ userId: 'ada', orderId: 'x', status: 'open', total: 1 } as never),
    ).rejects.toMatchObject({ code: 'schema.invalid', path: 'orderDate' });
  });
});

describe('single table: items of other entities', () => {
  // A hand-made item of a type no entity declares, at a key the user entity builds.
  beforeAll(async () => {
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: 'USER#eve' },
          sk: { S: 'PROFILE' },
          kind: { S: 'ghost' },
          userId: { S: 'eve' },
        },
      }),
    );
  });

  it('reports an item of another entity type instead of decoding it', async () => {
    const error = await users
      .asSystem(job)
      .get({ userId: 'eve' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamiteError);
    expect(error).toMatchObject({ code: 'entity.unknown', entity: 'ghost', entities: ['user'] });
    expect((error as Error).message).toBe(
      'the item at {"userId":"eve"} is of entity "ghost", not user',
    );
    const lenient = await users
      .asSystem(job)
      .get({ userId: 'eve' }, { validation: 'lenient' })
      .catch((e: unknown) => e);
    expect(lenient).toMatchObject({ code: 'entity.unknown', entity: 'ghost' });
  });

  it('never overwrites, updates or deletes it through another entity', async () => {
    await expect(
      users.asSystem(job).put({ userId: 'eve', email: 'eve@example.com', name: 'Eve' }),
    ).rejects.toMatchObject({ code: 'entity.unknown', entity: 'ghost' });
    await expect(
      users.asSystem(job).update({ userId: 'eve' }, { set: { name: 'E' } }),
    ).rejects.toMatchObject({
      code: 'entity.unknown',
    });
    await expect(users.asSystem(job).delete({ userId: 'eve' })).rejects.toMatchObject({
      code: 'entity.unknown',
    });
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'USER#eve' }, sk: { S: 'PROFILE' } },
      }),
    );
    expect(raw.Item?.kind).toEqual({ S: 'ghost' });
  });

  it('shows the exact request, keys and entity guard included', () => {
    const input = orders
      .asSystem(job)
      .requests.query({ key: { userId: 'ada', orderDate: day(1) } });
    expect(input.KeyConditionExpression).toMatch(/begins_with/);
    expect(Object.values(input.ExpressionAttributeValues ?? {})).toEqual(
      expect.arrayContaining([
        { S: 'USER#ada' },
        { S: 'ORDER#2024-01-01T00:00:00.000Z#' },
        { S: 'order' },
      ]),
    );
  });
});

describe('single table: collections', () => {
  const userWithOrders = app.collection([User, Order]);

  it('returns every entity of a shared partition, each decoded by its own schema', async () => {
    const page = await userWithOrders
      .connect(client, { tableName })
      .asSystem(job)
      .query({ key: { userId: 'ada' } });
    expect(page.items.map((x) => x.entity)).toEqual([
      'order',
      'order',
      'order',
      'order',
      'order',
      'order',
      'user',
    ]);
    const summary = page.items.map((x) =>
      x.entity === 'user' ? x.item.email : `${x.item.orderId}:${x.item.total}`,
    );
    expect(summary).toEqual([
      'o1:10',
      'o2:20',
      'o3:30',
      'o4:40',
      'o5:50',
      'o6:61',
      'ada@example.com',
    ]);
    const order = page.items[0]!;
    if (order.entity === 'order') expect(order.item.orderDate).toEqual(day(1));
    expect(page.unknown).toEqual([]);
    expect(page.denied).toBe(0);
  });

  it("checks each item by its own entity's read policy", async () => {
    const page = await userWithOrders
      .connect(client, { tableName })
      .as({ userId: 'bob' })
      .query({ key: { userId: 'ada' } });
    expect(page.items.map((x) => x.entity)).toEqual(Array(6).fill('order'));
    expect(page.denied).toBe(1);
  });

  it('reports items of entities outside the collection instead of decoding them', async () => {
    const page = await userWithOrders
      .connect(client, { tableName })
      .asSystem(job)
      .query({ key: { userId: 'eve' } });
    expect(page.items).toEqual([]);
    expect(page.unknown).toEqual([
      { entity: 'ghost', key: { pk: { S: 'USER#eve' }, sk: { S: 'PROFILE' } } },
    ]);
  });

  it('pages with a limit and a cursor', async () => {
    const db = userWithOrders.connect(client, { tableName }).asSystem(job);
    const first = await db.query({ key: { userId: 'ada' }, limit: 5, descending: true });
    const rest = await db.query({
      key: { userId: 'ada' },
      limit: 5,
      descending: true,
      cursor: first.cursor,
    });
    expect(first.items.map((x) => x.entity)).toEqual(['user', 'order', 'order', 'order', 'order']);
    expect(rest.items).toHaveLength(2);
    expect(rest.cursor).toBeUndefined();
  });

  it('refuses entities that do not share the partition key template', () => {
    const Other = app.entity({
      name: 'session',
      item: defineItem({ sessionId: attr.string() }),
      key: { partitionKey: 'SESSION#{sessionId}', sortKey: 'S' },
      policies: allowAll(),
    });
    expect(() => app.collection([User, Other])).toThrow(
      'the entities of a collection share one partition key template; these use USER#{userId}, SESSION#{sessionId}',
    );
  });
});
