// What a collection query tells a viewer about items of entities outside the collection that
// share the partition, against DynamoDB Local: they are listed in `unknown` with their stored
// keys, which no read policy has looked at.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../test/dynamo.js';
import { attr, createTableInput, defineItem, viewerType } from '../index.js';
import { defineSingleTable } from '../single-table/define-single-table.js';
import { fieldEqualsViewer } from './field-rule.js';
import { allowSystem } from './rules.js';

interface Member {
  userId: string;
}

const bank = defineSingleTable({ name: 'bank', partitionKey: 'pk', sortKey: 'sk' });
const Customer = bank.entity({
  name: 'customer',
  item: defineItem({ customerId: attr.string(), name: attr.string() }),
  key: { partitionKey: 'CUSTOMER#{customerId}', sortKey: 'PROFILE' },
  viewer: viewerType<Member>(),
  policies: {
    read: [allowSystem('seed'), fieldEqualsViewer('customerId', 'userId')],
    write: [allowSystem('seed')],
  },
});
// A card is its owner's alone, and its number (in the sort key) is personal data.
const Card = bank.entity({
  name: 'card',
  item: defineItem({
    customerId: attr.string(),
    cardNumber: attr.string().meta({ personalData: 'financial' }),
  }),
  key: { partitionKey: 'CUSTOMER#{customerId}', sortKey: 'CARD#{cardNumber}' },
  viewer: viewerType<Member>(),
  policies: {
    read: [allowSystem('seed'), fieldEqualsViewer('customerId', 'userId')],
    write: [allowSystem('seed')],
  },
});

const client = localClient();
const quiet = { logger: () => {}, onDeniedRead: () => {} };
let tableName: string;

beforeAll(async () => {
  tableName = uniqueName('bank');
  await client.send(new CreateTableCommand(createTableInput(bank.physical, { tableName })));
  await Customer.connect(client, { tableName, ...quiet })
    .asSystem('seed')
    .put({ customerId: 'c1', name: 'Cleo' });
  await Card.connect(client, { tableName, ...quiet })
    .asSystem('seed')
    .put({ customerId: 'c1', cardNumber: '4111111111111111' });
});
afterAll(() => client.destroy());

describe('a collection query and the entities it does not name', () => {
  const profiles = () => bank.collection([Customer]).connect(client, { tableName, ...quiet });

  it("holds another viewer's items back, and lists the other entity's item as unknown", async () => {
    const page = await profiles()
      .as({ userId: 'mallory' })
      .query({ key: { customerId: 'c1' } });
    expect(page.items).toEqual([]);
    expect(page.denied).toBe(1);
    expect(page.unknown.map((u) => u.entity)).toEqual(['card']);
    // The card's own read policy refuses mallory.
    const card = Card.connect(client, { tableName, ...quiet }).as({ userId: 'mallory' });
    await expect(
      card.get({ customerId: 'c1', cardNumber: '4111111111111111' }),
    ).resolves.toBeUndefined();
  });

  // Known gap (issue 14, "look for the rest of their kind"): `unknown` carries the stored key
  // of an item of an entity outside the collection, and no read policy decides whether the
  // viewer may learn it; here the card number reaches a viewer the card's policy refuses.
  // `it.fails` turns into a failure once such keys are withheld; then make it a plain `it`.
  it.fails("does not show a viewer the key of an item its entity's policy refuses", async () => {
    const page = await profiles()
      .as({ userId: 'mallory' })
      .query({ key: { customerId: 'c1' } });
    expect(JSON.stringify(page.unknown)).not.toContain('4111111111111111');
  });
});
