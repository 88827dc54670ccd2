// An entity `get` whose key holds another entity's item, against DynamoDB Local: on a table
// that conceals denied reads, a viewer finds it missing (and the denial is reported), since
// `entity.unknown` would tell them that something is stored there.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClient } from '../../test/dynamo.js';
import type { DeniedReadEvent } from '../access/gate.js';
import { attr, createTableInput, defineItem, viewerType } from '../index.js';
import { defineSingleTable } from '../single-table/define-single-table.js';
import { fieldEqualsViewer } from './field-rule.js';
import { allowAll, allowSystem } from './rules.js';

interface Member {
  userId: string;
}

const bank = defineSingleTable({ name: 'bank-foreign', partitionKey: 'pk', sortKey: 'sk' });
const policies = {
  read: [allowSystem('seed'), fieldEqualsViewer('customerId', 'userId')],
  write: [allowSystem('seed')],
};
const Card = bank.entity({
  name: 'card',
  item: defineItem({
    customerId: attr.string(),
    cardNumber: attr.string().meta({ personalData: 'financial' }),
  }),
  key: { partitionKey: 'CUSTOMER#{customerId}', sortKey: 'CARD#{cardNumber}' },
  viewer: viewerType<Member>(),
  policies,
});
// A hold builds the same keys as a card and holds personal data: it conceals.
const Hold = bank.entity({
  name: 'hold',
  item: defineItem({
    customerId: attr.string(),
    cardNumber: attr.string().meta({ personalData: 'financial' }),
  }),
  key: { partitionKey: 'CUSTOMER#{customerId}', sortKey: 'CARD#{cardNumber}' },
  viewer: viewerType<Member>(),
  policies,
});
// A label builds the same keys and holds nothing personal: it does not conceal.
const Label = bank.entity({
  name: 'label',
  item: defineItem({ customerId: attr.string(), cardNumber: attr.string() }),
  key: { partitionKey: 'CUSTOMER#{customerId}', sortKey: 'CARD#{cardNumber}' },
  viewer: viewerType<Member>(),
  policies: allowAll(),
});

const client = localClient();
const denials: DeniedReadEvent[] = [];
const options = () => ({
  tableName,
  logger: () => {},
  onDeniedRead: (e: DeniedReadEvent) => denials.push(e),
});
const key = { customerId: 'c1', cardNumber: '4111111111111111' };
let tableName: string;

beforeAll(async () => {
  tableName = uniqueName('bank');
  await client.send(new CreateTableCommand(createTableInput(bank.physical, { tableName })));
  await Card.connect(client, options()).asSystem('seed').put(key);
});
afterAll(() => client.destroy());

describe("an entity get at a key holding another entity's item", () => {
  it('is missing to a viewer where the table conceals, and the denial is reported', async () => {
    denials.length = 0;
    const hold = Hold.connect(client, options());
    await expect(hold.as({ userId: 'mallory' }).get(key)).resolves.toBeUndefined();
    // Even the card's owner: the item is not a hold, whatever the policy would say.
    await expect(hold.as({ userId: 'c1' }).get(key)).resolves.toBeUndefined();
    expect(denials).toHaveLength(2);
    expect(denials[0]).toMatchObject({ operation: 'get', denied: 1, concealed: true });
    // Logged for the operator with the stored key (by the entity's hidden key fields).
    expect(denials[0]!.keys.map((k) => Object.values(k))).toEqual([
      ['CUSTOMER#c1', 'CARD#4111111111111111'],
    ]);
    // A key that holds nothing is missing in the same way, and reports nothing.
    await expect(
      hold.as({ userId: 'mallory' }).get({ customerId: 'c1', cardNumber: '1' }),
    ).resolves.toBeUndefined();
    expect(denials).toHaveLength(2);
  });

  it('is entity.unknown for a system job, and where the table does not conceal', async () => {
    const hold = Hold.connect(client, options());
    await expect(hold.asSystem('seed').get(key)).rejects.toMatchObject({
      code: 'entity.unknown',
      entity: 'card',
    });
    await expect(
      Label.connect(client, options()).as({ userId: 'mallory' }).get(key),
    ).rejects.toMatchObject({ code: 'entity.unknown', entity: 'card' });
    // The card itself is still read by its own entity.
    await expect(Card.connect(client, options()).as({ userId: 'c1' }).get(key)).resolves.toEqual(
      key,
    );
  });
});
