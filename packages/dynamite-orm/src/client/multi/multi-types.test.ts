import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expectTypeOf, it } from 'vitest';
import {
  allowAll,
  attr,
  batchGetAll,
  defineItem,
  defineSingleTable,
  defineTable,
  transactGet,
  transactWrite,
  viewerType,
} from '../../index.js';

declare const client: DynamoDBClient;

/** Type-checked by `pnpm typecheck`, never run: the calls would need a server. */
function typeOnly(_check: () => void): void {}

const viewer = { userId: 'u1' };
const docs = defineTable({
  name: 'docs',
  item: defineItem({ folder: attr.string(), docId: attr.string(), title: attr.string() }),
  partitionKey: 'folder',
  sortKey: 'docId',
  viewer: viewerType<{ userId: string }>(),
  policies: allowAll(),
});
const shop = defineSingleTable({ name: 'shop', partitionKey: 'pk', sortKey: 'sk' });
const Customer = shop.entity({
  name: 'customer',
  item: defineItem({ customerId: attr.string(), name: attr.string() }),
  key: { partitionKey: 'C#{customerId}', sortKey: 'PROFILE' },
  viewer: viewerType<{ userId: string }>(),
  policies: allowAll(),
});

describe('transactGet and batchGetAll types', () => {
  it('types the result as a tuple, each read by its own table or entity and projection', () => {
    typeOnly(async () => {
      const d = docs.connect(client).as(viewer);
      const c = Customer.connect(client).as(viewer);
      const result = await transactGet([
        d.tx.get({ folder: 'f', docId: 'd' }),
        c.tx.get({ customerId: 'u1' }, { attributes: ['name'] }),
      ]);
      expectTypeOf(result).toEqualTypeOf<
        [{ folder: string; docId: string; title: string } | undefined, { name: string } | undefined]
      >();
      const { items } = await batchGetAll([
        c.tx.get({ customerId: 'u1' }),
        d.tx.get({ folder: 'f', docId: 'd' }, { attributes: ['title'] }),
      ]);
      expectTypeOf(items).toEqualTypeOf<
        [{ customerId: string; name: string } | undefined, { title: string } | undefined]
      >();
      // @ts-expect-error: a customer's key is its customerId
      c.tx.get({ userId: 'u1' });
    });
  });

  it('types the items transactWrite returns by the kind of each operation', () => {
    typeOnly(async () => {
      const d = docs.connect(client).as(viewer);
      type Doc = { folder: string; docId: string; title: string };
      const ops = [
        d.tx.put({ folder: 'f', docId: 'a', title: 't' }),
        d.tx.update({ folder: 'f', docId: 'b' }, { set: { title: 'u' } }),
        d.tx.delete({ folder: 'f', docId: 'c' }),
      ] as const;
      const written = await transactWrite(ops, { returnItems: 'written' });
      expectTypeOf(written.items).toEqualTypeOf<[Doc, undefined, undefined]>();
      const reread = await transactWrite(ops, { returnItems: 'reread' });
      expectTypeOf(reread.items).toEqualTypeOf<[Doc | undefined, Doc | undefined, undefined]>();
      const plain = await transactWrite(ops);
      expectTypeOf(plain).toEqualTypeOf<{ operations: number }>();
    });
  });
});
