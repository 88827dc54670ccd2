import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expectTypeOf, it } from 'vitest';
import {
  allowAll,
  attr,
  defineItem,
  defineSingleTable,
  defineTable,
  viewerType,
} from '../../index.js';
import type { LenientItem } from '../../model/lenient.js';

declare const client: DynamoDBClient;

/** Type-checked by `pnpm typecheck`, never run: the calls would need a server. */
function typeOnly(_check: () => void): void {}

const viewer = { userId: 'u1' };
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
  viewer: viewerType<{ userId: string }>(),
  policies: allowAll(),
});
const shop = defineSingleTable({ name: 'shop', partitionKey: 'pk', sortKey: 'sk' });
const Customer = shop.entity({
  name: 'customer',
  item: defineItem({ customerId: attr.string(), name: attr.string(), email: attr.string() }),
  key: { partitionKey: 'C#{customerId}', sortKey: 'PROFILE' },
  viewer: viewerType<{ userId: string }>(),
  policies: allowAll(),
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
  viewer: viewerType<{ userId: string }>(),
  policies: allowAll(),
});

describe('projection types', () => {
  it('types a projected get, query and scan as the fields named', () => {
    typeOnly(async () => {
      const db = docs.connect(client).as(viewer);
      const doc = await db.get({ folder: 'f', docId: 'd' }, { attributes: ['title', 'pages'] });
      expectTypeOf(doc).toEqualTypeOf<{ title: string; pages?: number | undefined } | undefined>();
      const page = await db.query({ key: { folder: 'f' }, attributes: ['docId'] });
      expectTypeOf(page.items).toEqualTypeOf<{ docId: string }[]>();
      const scanned = await db.scan({ attributes: ['ownerId'] });
      expectTypeOf(scanned.items).toEqualTypeOf<{ ownerId: string }[]>();
      for await (const d of db.queryAll({ key: { folder: 'f' }, attributes: ['body'] })) {
        expectTypeOf(d).toEqualTypeOf<{ body: string }>();
      }
      const lenient = await db.get(
        { folder: 'f', docId: 'd' },
        { attributes: ['title'], validation: 'lenient' },
      );
      expectTypeOf(lenient).toEqualTypeOf<LenientItem<{ title: string }> | undefined>();
      const whole = await db.get({ folder: 'f', docId: 'd' });
      expectTypeOf(whole).toEqualTypeOf<
        | {
            folder: string;
            docId: string;
            ownerId: string;
            title: string;
            body: string;
            pages?: number | undefined;
          }
        | undefined
      >();
      // @ts-expect-error: not a field of the table
      await db.get({ folder: 'f', docId: 'd' }, { attributes: ['nope'] });
    });
  });

  it('types projected entity reads as the entity fields named, never hidden ones', () => {
    typeOnly(async () => {
      const c = await Customer.connect(client)
        .as(viewer)
        .get({ customerId: 'u1' }, { attributes: ['name'] });
      expectTypeOf(c).toEqualTypeOf<{ name: string } | undefined>();
      const page = await Purchase.connect(client)
        .as(viewer)
        .query({ key: { customerId: 'u1' }, attributes: ['total', 'note'] });
      expectTypeOf(page.items).toEqualTypeOf<{ total: number; note?: string | undefined }[]>();
      const customers = Customer.connect(client).as(viewer);
      // @ts-expect-error: the stored key attribute is not an entity field
      await customers.get({ customerId: 'u1' }, { attributes: ['pk'] });
    });
  });

  it('types counts: a number and how it was counted, no paging options', () => {
    typeOnly(async () => {
      const db = docs.connect(client).as(viewer);
      const result = await db.count({ key: { folder: 'f' }, filter: (c) => c.eq('title', 'x') });
      expectTypeOf(result.count).toEqualTypeOf<number>();
      expectTypeOf(result.countedBy).toEqualTypeOf<'dynamodb' | 'checked'>();
      // @ts-expect-error: a count has no pages
      await db.count({ key: { folder: 'f' }, limit: 3 });
      const orders = await Purchase.connect(client)
        .as(viewer)
        .count({ key: { customerId: 'u' } });
      expectTypeOf(orders.denied).toEqualTypeOf<number>();
    });
  });
});
