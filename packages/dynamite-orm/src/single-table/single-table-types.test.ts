import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expectTypeOf, it } from 'vitest';
import {
  allowAll,
  attr,
  defineItem,
  defineSingleTable,
  type EntityItemOf,
  type EntityKeyOf,
} from '../index.js';
import type { CheckTemplates } from './types.js';

declare const client: DynamoDBClient;

/** Type-checked by `pnpm typecheck`, never run: the calls would need a server. */
function typeOnly(_check: () => void): void {}

const app = defineSingleTable({
  name: 'app',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } },
});
const Order = app.entity({
  name: 'order',
  item: defineItem({
    userId: attr.string(),
    orderDate: attr.date(),
    orderId: attr.string(),
    status: attr.literal('open', 'shipped'),
    note: attr.string().optional(),
  }),
  key: { partitionKey: 'USER#{userId}', sortKey: 'ORDER#{orderDate}#{orderId}' },
  indexes: { gsi1: { partitionKey: 'STATUS#{status}', sortKey: '{orderDate}' } },
  policies: allowAll(),
});

describe('single-table types', () => {
  it("shows the user's item and key, not the hidden key attributes", () => {
    expectTypeOf<EntityItemOf<typeof Order>>().toEqualTypeOf<{
      userId: string;
      orderDate: Date;
      orderId: string;
      status: 'open' | 'shipped';
      note?: string;
    }>();
    expectTypeOf<EntityKeyOf<typeof Order>>().toEqualTypeOf<{
      userId: string;
      orderDate: Date;
      orderId: string;
    }>();
  });

  it('types key conditions from the templates', () => {
    typeOnly(async () => {
      const db = Order.connect(client).asSystem('t');
      const page = await db.query({ key: { userId: 'u', orderDate: { beginsWith: '2024-' } } });
      expectTypeOf(page.items[0]!.status).toEqualTypeOf<'open' | 'shipped'>();
      await db.query({ index: 'gsi1', key: { status: 'open', orderDate: { ge: new Date() } } });
      // @ts-expect-error the partition key field is required
      await db.query({ key: { orderDate: new Date() } });
      // @ts-expect-error the index partition key is status, typed from the item
      await db.query({ index: 'gsi1', key: { status: 'lost' } });
      // @ts-expect-error the entity is in no index `gsi9`
      await db.query({ index: 'gsi9', key: { userId: 'u' } });
      await db.update(
        { userId: 'u', orderDate: new Date(), orderId: 'o' },
        // @ts-expect-error key fields cannot be updated: the item would move
        { set: { orderId: 'p' } },
      );
    });
  });

  it('refuses a template that reads a field the item does not have', () => {
    typeOnly(() => {
      app.entity({
        name: 'bad',
        item: defineItem({ userId: attr.string() }),
        // @ts-expect-error `usrId` is not a field
        key: { partitionKey: 'USER#{usrId}', sortKey: 'X' },
      });
    });
  });

  it('refuses an optional field in the table key, saying what to write instead', () => {
    const fields = defineItem({ userId: attr.string(), nick: attr.string().optional() }).fields;
    type F = typeof fields;
    expectTypeOf<CheckTemplates<F, { partitionKey: 'USER#{nick}' }, true>>().toEqualTypeOf<{
      readonly '~optional field in the table key: make it required (drop .optional()) or build the key from required fields': 'nick';
    }>();
    // An index key may be sparse: an optional field is fine there.
    expectTypeOf<CheckTemplates<F, { partitionKey: 'NICK#{nick}' }>>().toEqualTypeOf<unknown>();
    expectTypeOf<CheckTemplates<F, { partitionKey: 'USER#{usr}' }, true>>().toEqualTypeOf<{
      readonly '~unknown field in key template: use one of the item fields': 'usr';
    }>();
    typeOnly(() => {
      app.entity({
        name: 'bad-optional',
        item: defineItem({ userId: attr.string(), nick: attr.string().optional() }),
        // @ts-expect-error `nick` is optional: a write could leave the key out
        key: { partitionKey: 'NICK#{nick}', sortKey: 'X' },
      });
    });
  });

  it("infers an entity's put input and query keys per index", () => {
    typeOnly(async () => {
      const db = Order.connect(client).asSystem('t');
      // @ts-expect-error status takes the literals only
      await db.put({ userId: 'u', orderDate: new Date(), orderId: 'o', status: 'lost' });
      // @ts-expect-error the index has no userId
      await db.query({ index: 'gsi1', key: { status: 'open', userId: 'u' } });
      const page = await db.query({ index: 'gsi1', key: { status: 'open' } });
      expectTypeOf(page.items[0]!.orderId).toEqualTypeOf<string>();
    });
  });
});
