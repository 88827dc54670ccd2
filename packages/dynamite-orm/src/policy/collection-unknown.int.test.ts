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

  it("holds another viewer's items back, and counts the other entity's item", async () => {
    const page = await profiles()
      .as({ userId: 'mallory' })
      .query({ key: { customerId: 'c1' } });
    expect(page.items).toEqual([]);
    expect(page.denied).toBe(1);
    expect(page.unknown).toEqual([]);
    expect(page.unknownCount).toBe(1);
    // The card's own read policy refuses mallory.
    const card = Card.connect(client, { tableName, ...quiet }).as({ userId: 'mallory' });
    await expect(
      card.get({ customerId: 'c1', cardNumber: '4111111111111111' }),
    ).resolves.toBeUndefined();
  });

  // The card number is in the card's sort key; the card's policy refuses mallory.
  it("does not show a viewer the key of an item its entity's policy refuses", async () => {
    const page = await profiles()
      .as({ userId: 'mallory' })
      .query({ key: { customerId: 'c1' } });
    expect(JSON.stringify(page)).not.toContain('4111111111111111');
  });

  it('lists the stored keys for a system job', async () => {
    const page = await profiles()
      .asSystem('seed')
      .query({ key: { customerId: 'c1' } });
    expect(page.items.map((x) => x.entity)).toEqual(['customer']);
    expect(page.unknown).toEqual([
      { entity: 'card', key: { pk: { S: 'CUSTOMER#c1' }, sk: { S: 'CARD#4111111111111111' } } },
    ]);
    expect(page.unknownCount).toBe(1);
  });

  it('gives a viewer no count where a member conceals denied reads', async () => {
    // A collection of the card alone: the card holds personal data, so it conceals.
    const cards = bank.collection([Card]).connect(client, { tableName, ...quiet });
    const page = await cards.as({ userId: 'mallory' }).query({ key: { customerId: 'c1' } });
    expect(page).toMatchObject({ items: [], denied: 0, unknown: [], unknownCount: 0 });
    const own = await cards.as({ userId: 'c1' }).query({ key: { customerId: 'c1' } });
    expect(own.items.map((x) => x.entity)).toEqual(['card']);
    expect(own).toMatchObject({ unknown: [], unknownCount: 0 });
  });
});
