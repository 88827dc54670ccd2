import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, localClient } from '../../test/dynamo.js';
import { messages, profiles, tester } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { type ItemOf, isChecked, issuesOf } from '../index.js';

const client = localClient();
let people: ReturnType<typeof profiles.connect>;
let rooms: ReturnType<typeof messages.connect>;

beforeAll(async () => {
  people = profiles.connect(client, { tableName: await createTable(client, profiles) });
  rooms = messages.connect(client, { tableName: await createTable(client, messages) });
});
afterAll(() => client.destroy());

const viewer = { userId: 'u1' };
const created = new Date('2024-03-04T05:06:07.089Z');
const ada = {
  userId: 'ada',
  email: 'ada@example.com',
  displayName: 'Ada',
  bio: null,
  createdAt: created,
  tags: new Set(['math']),
  balance: 2n ** 80n,
  address: { city: 'London', geo: { lat: 51.5, lon: -0.12 } },
  avatar: new Uint8Array([9, 8, 7]),
  history: [{ at: created, action: 'joined' }],
};

async function rejection(promise: Promise<unknown>): Promise<DynamiteError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

describe('put and get', () => {
  it('writes an item and reads back exactly the declared types', async () => {
    const { item } = await people.as(viewer).put(ada);
    expect(item.version).toBe(1);
    const read = await people.as(viewer).get({ userId: 'ada' }, { consistentRead: true });
    expect(read).toEqual<ItemOf<typeof profiles>>({
      ...ada,
      score: 0,
      verified: false,
      role: 'member',
      version: 1,
    });
    expect(read?.createdAt).toBeInstanceOf(Date);
    expect(read?.balance).toBe(2n ** 80n);
    expect(read?.avatar).toBeInstanceOf(Uint8Array);
  });

  it('stores fields under their savedAs names', async () => {
    const raw = await client.send(
      new GetItemCommand({ TableName: people.tableName, Key: { pk: { S: 'ada' } } }),
    );
    expect(raw.Item?.pk).toEqual({ S: 'ada' });
    expect(raw.Item?.userId).toBeUndefined();
  });

  it('returns undefined for a key with no item', async () => {
    expect(await people.as(viewer).get({ userId: 'nobody' })).toBeUndefined();
  });

  it('refuses to create over an existing item and carries the current item', async () => {
    const error = await rejection(
      rooms
        .as(tester)
        .put({ roomId: 'r0', sentAt: created, text: 'first' })
        .then(() =>
          rooms
            .as(tester)
            .put({ roomId: 'r0', sentAt: created, text: 'second' }, { mode: 'create' }),
        ),
    );
    expect(error.code).toBe('condition.failed');
    expect(error.item).toMatchObject({ roomId: 'r0', text: 'first' });
  });

  it('applies a passing condition and refuses a failing one, leaving the item unchanged', async () => {
    const table = rooms.as(tester);
    const key = { roomId: 'r1', sentAt: created };
    await table.put({ ...key, text: 'hello', likes: 3 });
    await table.put({ ...key, text: 'edited', likes: 3 }, { if: (c) => c.eq('likes', 3) });
    const error = await rejection(
      table.put({ ...key, text: 'again' }, { if: (c) => c.gt('likes', 10) }),
    );
    expect(error).toMatchObject({ code: 'condition.failed', item: { text: 'edited', likes: 3 } });
    expect((await table.get(key))?.text).toBe('edited');
  });

  it('validates before sending: nothing is written when the item is invalid', async () => {
    const error = await rejection(
      rooms.as(tester).put({ roomId: 'bad', sentAt: created, text: 42 } as never),
    );
    expect(error).toMatchObject({ code: 'schema.invalid', path: 'text' });
    expect(await rooms.as(tester).get({ roomId: 'bad', sentAt: created })).toBeUndefined();
  });
});

describe('update', () => {
  it('applies every kind of action and returns the new item', async () => {
    const { item: before } = await people.as(viewer).put({ ...ada, userId: 'upd' });
    const { item, withheld } = await people.as(viewer).update(
      { userId: 'upd' },
      {
        set: { displayName: 'Ada L.', 'address.city': 'Paris', bio: 'mathematician' },
        setIfNotExists: { nickname: 'al', verified: true },
        increment: { balance: 1n, score: 2.5 },
        add: { tags: new Set(['poetry']), luckyNumbers: new Set([3, 7]) },
        append: { history: [{ at: created, action: 'moved' }] },
        prepend: {},
        remove: ['avatar'],
      },
      { expectedVersion: before.version },
    );
    expect(item).toMatchObject({
      displayName: 'Ada L.',
      address: { city: 'Paris', geo: { lat: 51.5, lon: -0.12 } },
      bio: 'mathematician',
      nickname: 'al',
      verified: false,
      balance: 2n ** 80n + 1n,
      score: 2.5,
      tags: new Set(['math', 'poetry']),
      luckyNumbers: new Set([3, 7]),
      history: [
        { at: created, action: 'joined' },
        { at: created, action: 'moved' },
      ],
      version: 2,
    });
    expect(item).not.toHaveProperty('avatar');
    expect(withheld).toBe(false);
    const { item: after } = await people
      .as(viewer)
      .update(
        { userId: 'upd' },
        { delete: { tags: new Set(['math']) }, set: { luckyNumbers: new Set() } },
        { expectedVersion: item!.version },
      );
    expect(after!.tags).toEqual(new Set(['poetry']));
    expect(after).not.toHaveProperty('luckyNumbers');
  });

  it('fails on a missing item unless it is an upsert', async () => {
    const key = { roomId: 'r-up', sentAt: created };
    const error = await rejection(rooms.as(tester).update(key, { increment: { likes: 1 } }));
    expect(error.code).toBe('condition.failed');
    expect(error.item).toBeUndefined();
    await rooms
      .as(tester)
      .update(key, { increment: { likes: 2 }, set: { text: 'made by upsert' } }, { upsert: true });
    expect(await rooms.as(tester).get(key)).toEqual({
      ...key,
      text: 'made by upsert',
      likes: 2,
    });
  });
});

describe('optimistic locking', () => {
  it('turns a stale version into version.conflict carrying the stored item, for put, update and delete', async () => {
    const table = people.as(viewer);
    const { item: v1 } = await table.put({ ...ada, userId: 'lock' });
    const { item: v2 } = await table.update(
      { userId: 'lock' },
      { set: { displayName: 'B' } },
      { expectedVersion: v1.version },
    );
    expect(v2!.version).toBe(2);
    const stalePut = await rejection(table.put({ ...v1, displayName: 'C' }));
    expect(stalePut).toMatchObject({
      code: 'version.conflict',
      item: { version: 2, displayName: 'B' },
    });
    const staleUpdate = await rejection(
      table.update({ userId: 'lock' }, { set: { displayName: 'D' } }, { expectedVersion: 1 }),
    );
    expect(staleUpdate.code).toBe('version.conflict');
    const staleDelete = await rejection(table.delete({ userId: 'lock' }, { expectedVersion: 1 }));
    expect(staleDelete.code).toBe('version.conflict');
    const { item: v3 } = await table.put({ ...v2!, displayName: 'E' });
    expect(v3.version).toBe(3);
    const { item: deleted } = await table.delete({ userId: 'lock' }, { expectedVersion: 3 });
    expect(deleted?.displayName).toBe('E');
    const gone = await rejection(
      table.update({ userId: 'lock' }, { set: { displayName: 'F' } }, { expectedVersion: 3 }),
    );
    expect(gone).toMatchObject({ code: 'version.conflict', item: undefined });
  });

  it('tells a failed user condition apart from a version conflict', async () => {
    const table = people.as(viewer);
    const { item } = await table.put({ ...ada, userId: 'cond' });
    const error = await rejection(
      table.update(
        { userId: 'cond' },
        { set: { displayName: 'x' } },
        { expectedVersion: item.version, if: (c) => c.eq('role', 'admin') },
      ),
    );
    expect(error).toMatchObject({ code: 'condition.failed', item: { role: 'member' } });
  });
});

describe('delete', () => {
  it('returns the deleted item, or undefined when there was none', async () => {
    const table = rooms.as(tester);
    const key = { roomId: 'r-del', sentAt: created };
    await table.put({ ...key, text: 'bye' });
    expect((await table.delete(key, { if: (c) => c.exists('text') })).item).toMatchObject({
      text: 'bye',
    });
    expect((await table.delete(key)).item).toBeUndefined();
  });
});

describe('reads of data the schema does not describe', () => {
  it('fails strictly and succeeds leniently', async () => {
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(
      new PutItemCommand({
        TableName: rooms.tableName,
        Item: { pk: { S: 'legacy' }, sk: { S: created.toISOString() }, text: { N: '5' } },
      }),
    );
    const key = { roomId: 'legacy', sentAt: created };
    const error = await rejection(rooms.as(tester).get(key));
    expect(error).toMatchObject({ code: 'schema.invalid', path: 'text', received: { N: '5' } });
    const lenient = await rooms.as(tester).get(key, { validation: 'lenient' });
    expect(lenient).toEqual({ ...key, text: 5, likes: 0 });
    // Typed and marked as what it is: an unchecked item, with what did not match.
    expect(lenient && isChecked(lenient)).toBe(false);
    expect(issuesOf(lenient!)).toEqual([
      { path: 'text', expected: 'S (a string)', received: { N: '5' } },
    ]);
    const fine = await rooms
      .as(tester)
      .get({ roomId: 'r1', sentAt: created }, { validation: 'lenient' });
    expect(fine === undefined || (isChecked(fine) && issuesOf(fine).length === 0)).toBe(true);
    const page = await rooms.as(tester).query({ key: { roomId: 'legacy' }, validation: 'lenient' });
    expect(page.items.map((item) => issuesOf(item).map((i) => i.path))).toEqual([['text']]);
  });

  it('refuses a connection-wide lenient validation, so every result is typed by its call', () => {
    expect(() => messages.connect(client, { validation: 'lenient' as never })).toThrow(
      /validation must be 'strict'.*per read/,
    );
  });
});
