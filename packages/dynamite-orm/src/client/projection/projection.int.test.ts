import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
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

// A plain table whose read policy decides for admins without looking at items and for owners
// by looking, and a single table with a policed entity and an open one.
interface DocViewer {
  userId: string;
  admin?: boolean;
}

const docs = defineTable({
  name: 'docs',
  item: defineItem({
    folder: attr.string(),
    docId: attr.string(),
    ownerId: attr.string(),
    title: attr.string(),
    body: attr.string().savedAs('b'),
    pages: attr.int().optional(),
  }),
  partitionKey: 'folder',
  sortKey: 'docId',
  viewer: viewerType<DocViewer>(),
  concealDenied: false,
  policies: {
    read: [
      allowIf((viewer: DocViewer) => viewer.admin === true, 'admin'),
      allowSystem(),
      fieldEqualsViewer('ownerId', 'userId'),
    ],
    write: [
      allowIf((viewer: DocViewer) => viewer.admin === true, 'admin'),
      allowSystem(),
      fieldEqualsViewer('ownerId', 'userId'),
    ],
  },
});

const shop = defineSingleTable({
  name: 'shop',
  partitionKey: 'pk',
  sortKey: 'sk',
  entityAttribute: 'kind',
});

const Customer = shop.entity({
  name: 'customer',
  item: defineItem({ customerId: attr.string(), name: attr.string(), email: attr.string() }),
  key: { partitionKey: 'C#{customerId}', sortKey: 'PROFILE' },
  viewer: viewerType<DocViewer>(),
  concealDenied: false,
  policies: {
    read: [allowSystem(), fieldEqualsViewer('customerId', 'userId')],
    write: [allowSystem(), fieldEqualsViewer('customerId', 'userId')],
  },
});

const Purchase = shop.entity({
  name: 'purchase',
  item: defineItem({
    customerId: attr.string(),
    purchaseId: attr.string(),
    total: attr.int(),
    note: attr.string().optional(),
  }),
  key: { partitionKey: 'C#{customerId}', sortKey: 'P#{purchaseId}' },
  viewer: viewerType<DocViewer>(),
  policies: allowAll(),
});

const client = localClient();
const sent: SendEvent[] = [];
const hooks = { beforeSend: (event: SendEvent) => void sent.push(event) };
let db: ReturnType<typeof docs.connect>;
let customers: ReturnType<typeof Customer.connect>;
let purchases: ReturnType<typeof Purchase.connect>;
const admin = { userId: 'root', admin: true };
const u1 = { userId: 'u1' };

/** The attribute names a request's ProjectionExpression fetches, or undefined without one. */
function fetched(event: SendEvent | undefined): string[] | undefined {
  const input = event?.input as {
    ProjectionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
  };
  if (!input?.ProjectionExpression) return undefined;
  return input.ProjectionExpression.split(', ')
    .map((id) => input.ExpressionAttributeNames![id]!)
    .sort();
}

beforeAll(async () => {
  db = docs.connect(client, { tableName: await createTable(client, docs), hooks });
  const tableName = uniqueName('shop');
  await client.send(new CreateTableCommand(createTableInput(shop.physical, { tableName })));
  customers = Customer.connect(client, { tableName, hooks });
  purchases = Purchase.connect(client, { tableName, hooks });
  await db.asSystem('fixture').batchWrite(
    [1, 2, 3, 4].map((i) => ({
      put: {
        folder: 'f1',
        docId: `d${i}`,
        ownerId: i % 2 ? 'u1' : 'u2',
        title: `T${i}`,
        body: `body ${i}`,
        ...(i === 1 ? { pages: 3 } : {}),
      },
    })),
  );
  await customers.asSystem('fixture').put({ customerId: 'u1', name: 'Ada', email: 'a@x.org' });
  for (const [id, total] of [
    ['p1', 10],
    ['p2', 20],
  ] as const) {
    await purchases.asSystem('fixture').put({ customerId: 'u1', purchaseId: id, total });
  }
});
afterAll(() => client.destroy());

describe('projections of a plain table', () => {
  it('sends the projection as asked when the read policy allows without looking (admin)', async () => {
    sent.length = 0;
    const doc = await db.as(admin).get({ folder: 'f1', docId: 'd1' }, { attributes: ['body'] });
    expect(doc).toEqual({ body: 'body 1' });
    // Stored names (body is saved as b), the keys added for cursors and denial reports.
    expect(fetched(sent.at(-1))).toEqual(['b', 'docId', 'folder']);
  });

  it('fetches whole items when the policy looks at them, checks them, and returns the projection', async () => {
    sent.length = 0;
    const own = await db.as(u1).get({ folder: 'f1', docId: 'd1' }, { attributes: ['title'] });
    expect(own).toEqual({ title: 'T1' });
    expect(fetched(sent.at(-1))).toBeUndefined();
    const other = db.as(u1).get({ folder: 'f1', docId: 'd2' }, { attributes: ['title'] });
    await expect(other).rejects.toMatchObject({ code: 'policy.denied' });
  });

  it('projects query pages, keeps cursors working, and counts denied items', async () => {
    sent.length = 0;
    const first = await db
      .as(admin)
      .query({ key: { folder: 'f1' }, attributes: ['title'], limit: 3 });
    expect(first.items).toEqual([{ title: 'T1' }, { title: 'T2' }, { title: 'T3' }]);
    expect(fetched(sent.at(-1))).toEqual(['docId', 'folder', 'title']);
    const rest = await db
      .as(admin)
      .query({ key: { folder: 'f1' }, attributes: ['title'], cursor: first.cursor! });
    expect(rest.items).toEqual([{ title: 'T4' }]);
    const mine = await db.as(u1).query({ key: { folder: 'f1' }, attributes: ['title', 'pages'] });
    expect(mine.items).toEqual([{ title: 'T1', pages: 3 }, { title: 'T3' }]);
    expect(mine.denied).toBe(2);
  });

  it('projects scans and queryAll / scanAll', async () => {
    const scanned = await db.as(admin).scan({ attributes: ['docId'] });
    expect(scanned.items.map((d) => d.docId).sort()).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(scanned.items.every((d) => Object.keys(d).join() === 'docId')).toBe(true);
    const all: unknown[] = [];
    for await (const d of db.as(u1).queryAll({ key: { folder: 'f1' }, attributes: ['ownerId'] })) {
      all.push(d);
    }
    expect(all).toEqual([{ ownerId: 'u1' }, { ownerId: 'u1' }]);
    const everything: unknown[] = [];
    for await (const d of db.asSystem('job').scanAll({ attributes: ['title'], segments: 2 })) {
      everything.push(d);
    }
    expect(everything).toHaveLength(4);
    expect(everything).toContainEqual({ title: 'T4' });
  });

  it('refuses a field the table does not have, naming it, before sending', async () => {
    sent.length = 0;
    const wrong = db.as(admin).get(
      { folder: 'f1', docId: 'd1' },
      {
        attributes: ['nope' as 'title'],
      },
    );
    await expect(wrong).rejects.toThrow(/"nope" is not a field of docs; its fields are folder/);
    await expect(
      db.as(admin).query({ key: { folder: 'f1' }, attributes: [] as never }),
    ).rejects.toBeInstanceOf(DynamiteError);
    expect(sent).toHaveLength(0);
  });
});

describe('projections of entities', () => {
  it('fetches the entity type with the fields asked, and returns only those', async () => {
    sent.length = 0;
    const page = await purchases.as(u1).query({ key: { customerId: 'u1' }, attributes: ['total'] });
    expect(page.items).toEqual([{ total: 10 }, { total: 20 }]);
    expect(fetched(sent.at(-1))).toEqual(['kind', 'pk', 'sk', 'total']);
    const one = await purchases
      .as(u1)
      .get({ customerId: 'u1', purchaseId: 'p2' }, { attributes: ['purchaseId'] });
    expect(one).toEqual({ purchaseId: 'p2' });
  });

  it('still checks the entity read policy and still tells entities apart', async () => {
    const own = await customers.as(u1).get({ customerId: 'u1' }, { attributes: ['name'] });
    expect(own).toEqual({ name: 'Ada' });
    const other = customers
      .as({ userId: 'u2' })
      .get({ customerId: 'u1' }, { attributes: ['name'] });
    await expect(other).rejects.toMatchObject({ code: 'policy.denied' });
    await expect(
      customers.as(u1).get({ customerId: 'u1' }, { attributes: ['typeField' as 'name'] }),
    ).rejects.toMatchObject({ code: 'request.invalid' });
  });
});

describe('counts', () => {
  const selects = () => sent.map((e) => (e.input as { Select?: string }).Select);

  it('lets DynamoDB count when the read policy allows every item without looking', async () => {
    sent.length = 0;
    const result = await db.as(admin).count({ key: { folder: 'f1' } });
    expect(result).toEqual({ count: 4, denied: 0, countedBy: 'dynamodb', requests: 1 });
    expect(selects()).toEqual(['COUNT']);
    const filtered = await db.as(admin).countScan({ filter: (c) => c.eq('title', 'T2') });
    expect(filtered).toMatchObject({ count: 1, countedBy: 'dynamodb' });
  });

  it('reads and checks each item when the policy must look, never counting denied ones', async () => {
    sent.length = 0;
    const result = await db.as(u1).count({ key: { folder: 'f1' } });
    expect(result).toEqual({ count: 2, denied: 2, countedBy: 'checked', requests: 1 });
    expect(selects()).toEqual([undefined]);
    const none = await db.as({ userId: 'nobody' }).countScan();
    expect(none).toMatchObject({ count: 0, denied: 4, countedBy: 'checked' });
  });

  it('refuses with requireDynamoCount instead of reading items, sending nothing', async () => {
    sent.length = 0;
    const refused = db.as(u1).count({ key: { folder: 'f1' }, requireDynamoCount: true });
    await expect(refused).rejects.toMatchObject({
      code: 'policy.denied',
      message: expect.stringMatching(/must look at each item to decide/),
    });
    expect(sent).toHaveLength(0);
    const allowed = await db.as(admin).count({ key: { folder: 'f1' }, requireDynamoCount: true });
    expect(allowed.count).toBe(4);
  });

  it('counts an entity by its own policy, only its own items', async () => {
    const open = await purchases.as(u1).count({ key: { customerId: 'u1' } });
    expect(open).toMatchObject({ count: 2, countedBy: 'dynamodb' });
    const own = await customers.as(u1).count({ key: { customerId: 'u1' } });
    expect(own).toMatchObject({ count: 1, denied: 0, countedBy: 'checked' });
    const other = await customers.as({ userId: 'u2' }).count({ key: { customerId: 'u1' } });
    // The policy's offer (customerId = viewer) is pushed into the filter: not even read.
    expect(other).toEqual({ count: 0, denied: 0, countedBy: 'checked', requests: 1 });
  });

  it('refuses paging options on a count', async () => {
    const bad = db.as(admin).count({ key: { folder: 'f1' }, limit: 2 } as never);
    await expect(bad).rejects.toThrow('a count takes no limit');
  });
});
