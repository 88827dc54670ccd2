import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../../test/dynamo.js';
import { DynamiteError } from '../../errors/dynamite-error.js';
import {
  allowAll,
  allowIf,
  allowSystem,
  attr,
  defineItem,
  defineSingleTable,
  defineTable,
  fieldEqualsViewer,
  viewerType,
} from '../../index.js';
import { createTableInput } from '../../table/create-table.js';
import type { SendEvent } from '../send.js';
import { batchGetAll, batchWriteAll } from './batch-all.js';
import { transactGet } from './transact-get.js';

// Two plain tables (one policed, one concealing its denials) and a single table with a
// policed entity and an open one: reads and writes of all of them in one call.
interface V {
  userId: string;
  admin?: boolean;
}
const admin = (viewer: V) => viewer.admin === true;
const docs = defineTable({
  name: 'docs',
  item: defineItem({
    folder: attr.string(),
    docId: attr.string(),
    ownerId: attr.string(),
    title: attr.string(),
  }),
  partitionKey: 'folder',
  sortKey: 'docId',
  viewer: viewerType<V>(),
  concealDenied: false,
  policies: {
    read: [allowIf(admin, 'admin'), allowSystem(), fieldEqualsViewer('ownerId', 'userId')],
    write: [allowIf(admin, 'admin'), allowSystem(), fieldEqualsViewer('ownerId', 'userId')],
  },
});
const secrets = defineTable({
  name: 'secrets',
  item: defineItem({ id: attr.string(), ownerId: attr.string(), value: attr.string() }),
  partitionKey: 'id',
  viewer: viewerType<V>(),
  concealDenied: true,
  policies: {
    read: [allowSystem(), fieldEqualsViewer('ownerId', 'userId')],
    write: [allowSystem(), allowIf(admin, 'admin')],
  },
});
const shop = defineSingleTable({ name: 'shop', partitionKey: 'pk', sortKey: 'sk' });
const Customer = shop.entity({
  name: 'customer',
  item: defineItem({ customerId: attr.string(), name: attr.string() }),
  key: { partitionKey: 'C#{customerId}', sortKey: 'PROFILE' },
  viewer: viewerType<V>(),
  concealDenied: false,
  policies: {
    read: [allowSystem(), fieldEqualsViewer('customerId', 'userId')],
    write: [allowSystem(), fieldEqualsViewer('customerId', 'userId')],
  },
});
const Purchase = shop.entity({
  name: 'purchase',
  item: defineItem({ customerId: attr.string(), purchaseId: attr.string(), total: attr.int() }),
  key: { partitionKey: 'C#{customerId}', sortKey: 'P#{purchaseId}' },
  viewer: viewerType<V>(),
  policies: allowAll(),
});

const client = localClient();
const sent: SendEvent[] = [];
const hooks = { beforeSend: (event: SendEvent) => void sent.push(event) };
let d: ReturnType<typeof docs.connect>;
let s: ReturnType<typeof secrets.connect>;
let customers: ReturnType<typeof Customer.connect>;
let purchases: ReturnType<typeof Purchase.connect>;
let shopTable: string;
const u1 = { userId: 'u1' };
const root = { userId: 'root', admin: true };

beforeAll(async () => {
  d = docs.connect(client, { tableName: await createTable(client, docs), hooks });
  s = secrets.connect(client, { tableName: await createTable(client, secrets), hooks });
  shopTable = uniqueName('shop');
  await client.send(
    new CreateTableCommand(createTableInput(shop.physical, { tableName: shopTable })),
  );
  customers = Customer.connect(client, { tableName: shopTable, hooks });
  purchases = Purchase.connect(client, { tableName: shopTable, hooks });
  await d.asSystem('fixture').put({ folder: 'f', docId: 'd1', ownerId: 'u1', title: 'Mine' });
  await d.asSystem('fixture').put({ folder: 'f', docId: 'd2', ownerId: 'u2', title: 'Theirs' });
  await s.asSystem('fixture').put({ id: 's1', ownerId: 'u2', value: 'hidden' });
  await customers.asSystem('fixture').put({ customerId: 'u1', name: 'Ada' });
  await purchases.asSystem('fixture').put({ customerId: 'u1', purchaseId: 'p1', total: 7 });
  // Another entity's item where a customer's key would be: never decoded as a customer.
  await client.send(
    new PutItemCommand({
      TableName: shopTable,
      Item: {
        pk: { S: 'C#zed' },
        sk: { S: 'PROFILE' },
        _type: { S: 'purchase' },
        customerId: { S: 'zed' },
        purchaseId: { S: 'x' },
        total: { N: '1' },
      },
    }),
  );
});
afterAll(() => client.destroy());

describe('transactGet', () => {
  it('reads items of tables and entities in one request, each decoded by its own schema', async () => {
    sent.length = 0;
    const [doc, customer, purchase, none] = await transactGet([
      d.as(u1).tx.get({ folder: 'f', docId: 'd1' }, { attributes: ['title'] }),
      customers.as(u1).tx.get({ customerId: 'u1' }),
      purchases.as(u1).tx.get({ customerId: 'u1', purchaseId: 'p1' }, { attributes: ['total'] }),
      purchases.as(u1).tx.get({ customerId: 'u1', purchaseId: 'nope' }),
    ]);
    expect(doc).toEqual({ title: 'Mine' });
    expect(customer).toEqual({ customerId: 'u1', name: 'Ada' });
    expect(purchase).toEqual({ total: 7 });
    expect(none).toBeUndefined();
    expect(sent.map((e) => e.operation)).toEqual(['TransactGetItems']);
    const items = (sent[0]!.input as { TransactItems: { Get: { TableName: string } }[] })
      .TransactItems;
    expect(items.map((i) => i.Get.TableName)).toEqual([
      d.tableName,
      shopTable,
      shopTable,
      shopTable,
    ]);
  });

  it('checks each item by its own read policy: denied is policy.denied, concealed is undefined', async () => {
    const denied = transactGet([
      d.as(u1).tx.get({ folder: 'f', docId: 'd1' }),
      d.as(u1).tx.get({ folder: 'f', docId: 'd2' }),
      customers.as({ userId: 'u2' }).tx.get({ customerId: 'u1' }),
    ]);
    await expect(denied).rejects.toMatchObject({
      code: 'policy.denied',
      denials: [
        expect.objectContaining({ index: 1, table: 'docs' }),
        expect.objectContaining({ index: 2, table: 'shop' }),
      ],
    });
    const [secret, doc] = await transactGet([
      s.as(u1).tx.get({ id: 's1' }),
      d.as(u1).tx.get({ folder: 'f', docId: 'd1' }),
    ]);
    expect(secret).toBeUndefined();
    expect(doc?.title).toBe('Mine');
  });

  it("reports another entity's item at the key as entity.unknown", async () => {
    const read = transactGet([customers.asSystem('job').tx.get({ customerId: 'zed' })]);
    await expect(read).rejects.toMatchObject({ code: 'entity.unknown', entity: 'purchase' });
  });

  it('refuses two reads of one item before sending', async () => {
    sent.length = 0;
    const twice = () =>
      transactGet([
        d.as(u1).tx.get({ folder: 'f', docId: 'd1' }),
        d.as(u1).tx.get({ folder: 'f', docId: 'd1' }),
      ]);
    await expect(twice()).rejects.toBeInstanceOf(DynamiteError);
    await expect(twice()).rejects.toThrow(/reads an item an earlier read reads/);
    expect(sent).toHaveLength(0);
  });
});

describe('batchGetAll', () => {
  it('reads several tables and entities in one BatchGetItem, withholding denied items', async () => {
    sent.length = 0;
    const { items, denied, denials, requests } = await batchGetAll([
      d.as(u1).tx.get({ folder: 'f', docId: 'd1' }, { attributes: ['title'] }),
      d.as(u1).tx.get({ folder: 'f', docId: 'd2' }),
      s.as(u1).tx.get({ id: 's1' }),
      customers.as(u1).tx.get({ customerId: 'u1' }, { attributes: ['name'] }),
      purchases.as(u1).tx.get({ customerId: 'u1', purchaseId: 'p1' }),
      purchases.as(u1).tx.get({ customerId: 'u1', purchaseId: 'p1' }),
      purchases.as(u1).tx.get({ customerId: 'u1', purchaseId: 'none' }),
    ]);
    expect(items).toEqual([
      { title: 'Mine' },
      undefined,
      undefined,
      { name: 'Ada' },
      { customerId: 'u1', purchaseId: 'p1', total: 7 },
      { customerId: 'u1', purchaseId: 'p1', total: 7 },
      undefined,
    ]);
    // The docs denial is told; the secrets one is concealed (looks like a missing item).
    expect(denied).toBe(1);
    expect(denials).toEqual([expect.objectContaining({ index: 1, table: 'docs' })]);
    expect(requests).toBe(1);
    expect(sent.map((e) => e.operation)).toEqual(['BatchGetItem']);
    const keys = (sent[0]!.input as { RequestItems: Record<string, { Keys: unknown[] }> })
      .RequestItems;
    // The duplicate purchase key is asked once.
    expect(Object.fromEntries(Object.entries(keys).map(([t, r]) => [t, r.Keys.length]))).toEqual({
      [d.tableName]: 2,
      [s.tableName]: 1,
      [shopTable]: 3,
    });
  });

  it('reads more than 100 keys across requests, in order', async () => {
    const ops = Array.from({ length: 130 }, (_, i) =>
      purchases.as(u1).tx.get({ customerId: 'u1', purchaseId: i === 129 ? 'p1' : `m${i}` }),
    );
    const { items, requests } = await batchGetAll(ops);
    expect(items).toHaveLength(130);
    expect(items.slice(0, 129).every((item) => item === undefined)).toBe(true);
    expect(items[129]).toEqual({ customerId: 'u1', purchaseId: 'p1', total: 7 });
    expect(requests).toBe(2);
  });
});

describe('batchWriteAll', () => {
  it('writes several tables and entities in one call', async () => {
    sent.length = 0;
    const result = await batchWriteAll([
      d.as(root).batch.put({ folder: 'g', docId: 'n1', ownerId: 'u1', title: 'New' }),
      s.as(root).batch.put({ id: 's2', ownerId: 'u1', value: 'v' }),
      purchases.as(u1).batch.put({ customerId: 'u1', purchaseId: 'p9', total: 9 }),
      purchases.as(u1).batch.delete({ customerId: 'u1', purchaseId: 'gone' }),
    ]);
    expect(result).toEqual({ written: 4, requests: 1 });
    expect(sent.map((e) => e.operation)).toEqual(['BatchWriteItem']);
    const got = await purchases.as(u1).get({ customerId: 'u1', purchaseId: 'p9' });
    expect(got).toEqual({ customerId: 'u1', purchaseId: 'p9', total: 9 });
    const raw = await client.send(
      new GetItemCommand({ TableName: shopTable, Key: { pk: { S: 'C#u1' }, sk: { S: 'P#p9' } } }),
    );
    expect(raw.Item?._type).toEqual({ S: 'purchase' });
    expect((await d.as(root).get({ folder: 'g', docId: 'n1' }))?.title).toBe('New');
    expect((await s.as(u1).get({ id: 's2' }))?.value).toBe('v');
  });

  it('checks every write by its own policy before anything is sent', async () => {
    sent.length = 0;
    const refused = batchWriteAll([
      purchases.as(u1).batch.put({ customerId: 'u1', purchaseId: 'p10', total: 1 }),
      s.as(u1).batch.put({ id: 's3', ownerId: 'u1', value: 'v' }),
      customers.as(u1).batch.put({ customerId: 'u1', name: 'Ada L.' }),
    ]);
    await expect(refused).rejects.toMatchObject({
      code: 'policy.denied',
      denials: [expect.objectContaining({ index: 1, table: 'secrets' })],
    });
    expect(sent).toHaveLength(0);
    // A write its policy allows only on a condition on the stored item cannot be batched.
    const conditional = batchWriteAll([
      purchases.as(u1).batch.put({ customerId: 'u1', purchaseId: 'p10', total: 1 }),
      customers.as(u1).batch.put({ customerId: 'u1', name: 'Ada L.' }),
    ]);
    await expect(conditional).rejects.toMatchObject({
      code: 'policy.denied',
      message: expect.stringMatching(/BatchWriteItem takes no conditions/),
      denials: [expect.objectContaining({ index: 1, table: 'shop' })],
    });
    expect(sent.filter((e) => e.operation === 'BatchWriteItem')).toHaveLength(0);
    expect(await purchases.as(u1).get({ customerId: 'u1', purchaseId: 'p10' })).toBeUndefined();
    expect(await s.asSystem('job').get({ id: 's3' })).toBeUndefined();
    expect((await customers.as(u1).get({ customerId: 'u1' }))?.name).toBe('Ada');
  });

  it('writes more than 25 across requests and refuses two writes of one key', async () => {
    const puts = Array.from({ length: 30 }, (_, i) =>
      purchases.as(u1).batch.put({ customerId: 'bulk', purchaseId: `b${i}`, total: i }),
    );
    expect(await batchWriteAll(puts)).toEqual({ written: 30, requests: 2 });
    const { count } = await purchases.as(u1).count({ key: { customerId: 'bulk' } });
    expect(count).toBe(30);
    await expect(
      batchWriteAll([
        purchases.as(u1).batch.delete({ customerId: 'bulk', purchaseId: 'b1' }),
        purchases.as(u1).batch.put({ customerId: 'bulk', purchaseId: 'b1', total: 2 }),
      ]),
    ).rejects.toThrow(/targets a key an earlier write targets/);
  });
});
