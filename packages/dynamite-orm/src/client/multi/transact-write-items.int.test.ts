import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../../test/dynamo.js';
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
import { transactWrite } from '../transact.js';

// A versioned table with defaults (what a put writes is more than what was given), whose
// readers are the owners and whose writers also include admins: an admin can write an item
// it cannot read back.
interface V {
  userId: string;
  admin?: boolean;
}
const tasks = defineTable({
  name: 'tasks',
  item: defineItem({
    id: attr.string(),
    ownerId: attr.string(),
    title: attr.string(),
    done: attr.boolean().default(false),
    version: attr.int(),
  }),
  partitionKey: 'id',
  version: 'version',
  viewer: viewerType<V>(),
  concealDenied: false,
  policies: {
    read: [allowSystem(), fieldEqualsViewer('ownerId', 'userId')],
    write: [allowSystem(), allowIf((v: V) => v.admin === true, 'admin')],
  },
});

const board = defineSingleTable({ name: 'board', partitionKey: 'pk', sortKey: 'sk' });
const Card = board.entity({
  name: 'card',
  item: defineItem({ boardId: attr.string(), cardId: attr.string(), text: attr.string() }),
  key: { partitionKey: 'B#{boardId}', sortKey: 'C#{cardId}' },
  viewer: viewerType<V>(),
  policies: allowAll(),
});

const client = localClient();
const sent: SendEvent[] = [];
let db: ReturnType<typeof tasks.connect>;
const owner = { userId: 'u1', admin: true };

beforeAll(async () => {
  db = tasks.connect(client, {
    tableName: await createTable(client, tasks),
    hooks: { beforeSend: (event) => void sent.push(event) },
  });
  await db.asSystem('fixture').put({ id: 't1', ownerId: 'u1', title: 'one' });
  await db.asSystem('fixture').put({ id: 't2', ownerId: 'u1', title: 'two' });
  await db.asSystem('fixture').put({ id: 't3', ownerId: 'u1', title: 'three' });
});
afterAll(() => client.destroy());

describe('transactWrite of entities', () => {
  let cards: ReturnType<typeof Card.connect>;
  let boardTable: string;
  beforeAll(async () => {
    boardTable = uniqueName('board');
    await client.send(
      new CreateTableCommand(createTableInput(board.physical, { tableName: boardTable })),
    );
    cards = Card.connect(client, { tableName: boardTable });
  });

  it('writes entities with their derived keys and returns their items without hidden fields', async () => {
    const me = cards.as({ userId: 'u1' });
    const written = await transactWrite(
      [
        me.tx.put({ boardId: 'b', cardId: 'c1', text: 'one' }),
        me.tx.put({ boardId: 'b', cardId: 'c2', text: 'two' }),
      ],
      { returnItems: 'written' },
    );
    expect(written.items).toEqual([
      { boardId: 'b', cardId: 'c1', text: 'one' },
      { boardId: 'b', cardId: 'c2', text: 'two' },
    ]);
    const reread = await transactWrite(
      [
        me.tx.update({ boardId: 'b', cardId: 'c1' }, { set: { text: 'ONE' } }),
        me.tx.delete({ boardId: 'b', cardId: 'c2' }),
      ],
      { returnItems: 'reread' },
    );
    expect(reread.items).toEqual([{ boardId: 'b', cardId: 'c1', text: 'ONE' }, undefined]);
    const page = await me.query({ key: { boardId: 'b' } });
    expect(page.items).toEqual([{ boardId: 'b', cardId: 'c1', text: 'ONE' }]);
  });

  it("refuses to overwrite another entity's item at the key", async () => {
    await client.send(
      new PutItemCommand({
        TableName: boardTable,
        Item: { pk: { S: 'B#b' }, sk: { S: 'C#x' }, _type: { S: 'other' } },
      }),
    );
    const me = cards.as({ userId: 'u1' });
    const overwrite = transactWrite([me.tx.put({ boardId: 'b', cardId: 'x', text: 'mine' })]);
    await expect(overwrite).rejects.toMatchObject({
      code: 'transaction.cancelled',
      reasons: [expect.objectContaining({ code: 'ConditionalCheckFailed' })],
    });
  });
});

describe('transactWrite returnItems', () => {
  it("'written' gives each put's item as written, without a read", async () => {
    sent.length = 0;
    const me = db.as(owner);
    const result = await transactWrite(
      [
        me.tx.put({ id: 'w1', ownerId: 'u1', title: 'new' }),
        me.tx.update({ id: 't1' }, { set: { done: true } }, { expectedVersion: 1 }),
      ],
      { returnItems: 'written' },
    );
    expect(result).toEqual({
      operations: 2,
      items: [{ id: 'w1', ownerId: 'u1', title: 'new', done: false, version: 1 }, undefined],
      withheld: [],
    });
    expect(sent.map((e) => e.operation)).toEqual(['TransactWriteItems']);
  });

  it("'reread' reads back every item put, updated or checked in one consistent read", async () => {
    sent.length = 0;
    const me = db.as(owner);
    const result = await transactWrite(
      [
        me.tx.put({ id: 'r1', ownerId: 'u1', title: 'put' }),
        me.tx.update({ id: 't2' }, { set: { title: 'two!' } }, { expectedVersion: 'any' }),
        me.tx.delete({ id: 't3' }, { expectedVersion: 'any' }),
        me.tx.check({ id: 'w1' }, (c) => c.eq('done', false)),
      ],
      { returnItems: 'reread' },
    );
    expect(result.items).toEqual([
      { id: 'r1', ownerId: 'u1', title: 'put', done: false, version: 1 },
      { id: 't2', ownerId: 'u1', title: 'two!', done: false, version: 2 },
      undefined,
      { id: 'w1', ownerId: 'u1', title: 'new', done: false, version: 1 },
    ]);
    expect(result.withheld).toEqual([]);
    expect(sent.map((e) => e.operation)).toEqual(['TransactWriteItems', 'TransactGetItems']);
    const keys = (sent[1]!.input as { TransactItems: { Get: { Key: unknown } }[] }).TransactItems;
    expect(keys.map((k) => k.Get.Key)).toEqual([
      { id: { S: 'r1' } },
      { id: { S: 't2' } },
      { id: { S: 'w1' } },
    ]);
  });

  it('withholds a re-read item the read policy denies, the write having happened', async () => {
    const admin = db.as({ userId: 'root', admin: true });
    const result = await transactWrite(
      [admin.tx.put({ id: 'x1', ownerId: 'u1', title: 'for u1' })],
      { returnItems: 'reread' },
    );
    expect(result).toEqual({ operations: 1, items: [undefined], withheld: [0] });
    expect((await db.as(owner).get({ id: 'x1' }))?.title).toBe('for u1');
  });

  it('refuses an unknown returnItems before sending', async () => {
    sent.length = 0;
    const bad = transactWrite([db.as(owner).tx.put({ id: 'z', ownerId: 'u1', title: 'z' })], {
      returnItems: 'all' as 'written',
    });
    await expect(bad).rejects.toMatchObject({ code: 'request.invalid' });
    expect(sent).toHaveLength(0);
  });
});
