import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { messages, profiles, tester } from '../../test/fixtures.js';
import { buildTransactWrite } from '../client/transact.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { decodeCursor, encodeCursor } from './cursor.js';

// Never sends: these tests look at the requests only.
const client = new DynamoDBClient({
  region: 'local',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
afterAll(() => client.destroy());
const viewer = { userId: 'u1' };
const people = profiles.connect(client, { tableName: 'profiles-test' }).as(viewer);
const rooms = messages.connect(client).as(tester);
const created = new Date('2024-01-02T03:04:05.000Z');
const base = {
  userId: 'u1',
  email: 'ada@example.com',
  displayName: 'Ada',
  bio: null,
  createdAt: created,
  tags: new Set<string>(),
};

function caught(fn: () => unknown): DynamiteError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError) return error;
    throw error;
  }
  throw new Error('expected a DynamiteError');
}

describe('get requests', () => {
  it('encode the key under its saved name, with the physical table name', () => {
    expect(people.requests.get({ userId: 'u1' }, { consistentRead: true })).toEqual({
      TableName: 'profiles-test',
      Key: { pk: { S: 'u1' } },
      ConsistentRead: true,
    });
    expect(rooms.requests.get({ roomId: 'r1', sentAt: created })).toEqual({
      TableName: 'messages',
      Key: { pk: { S: 'r1' }, sk: { S: '2024-01-02T03:04:05.000Z' } },
    });
  });

  it('refuse keys with extra fields, missing fields or empty strings', () => {
    expect(caught(() => people.requests.get({ userId: 'u1', email: 'x' } as never))).toMatchObject({
      code: 'schema.invalid',
      path: 'email',
    });
    expect(caught(() => rooms.requests.get({ roomId: 'r1' } as never))).toMatchObject({
      path: 'sentAt',
    });
    expect(caught(() => people.requests.get({ userId: '' }))).toMatchObject({
      code: 'schema.invalid',
      expected: 'a non-empty key value',
    });
  });
});

describe('put requests', () => {
  it('create a versioned item at version 1 only where the key is free', () => {
    const input = people.requests.put(base);
    expect(input.Item?.version).toEqual({ N: '1' });
    expect(input.ConditionExpression).toBe('attribute_not_exists(#n0)');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'pk' });
    expect(input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('replace a versioned item only at the version read, and store the next version', () => {
    const input = people.requests.put({ ...base, version: 7 });
    expect(input.Item?.version).toEqual({ N: '8' });
    expect(input.ConditionExpression).toBe('#n0 = :v0');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'version' });
    expect(input.ExpressionAttributeValues).toEqual({ ':v0': { N: '7' } });
  });

  it('refuse a replacing put on a versioned table without the version read', () => {
    expect(caught(() => people.requests.put(base, { mode: 'replace' }))).toMatchObject({
      code: 'request.invalid',
    });
  });

  it('send no condition for a plain put and attribute_not_exists for create', () => {
    const item = { roomId: 'r1', sentAt: created, text: 'hi' };
    const plain = rooms.requests.put(item);
    expect(plain.ConditionExpression).toBeUndefined();
    expect(plain.ExpressionAttributeNames).toBeUndefined();
    expect(plain.Item).toEqual({
      pk: { S: 'r1' },
      sk: { S: '2024-01-02T03:04:05.000Z' },
      text: { S: 'hi' },
      likes: { N: '0' },
    });
    expect(rooms.requests.put(item, { mode: 'create' }).ConditionExpression).toBe(
      'attribute_not_exists(#n0)',
    );
  });

  it('AND a typed condition with the ones the operation adds', () => {
    const input = people.requests.put(
      { ...base, version: 2 },
      { if: (c) => c.or(c.eq('role', 'member'), c.size('history').lt(5), c.contains('tags', 'x')) },
    );
    expect(input.ConditionExpression).toBe(
      '(#n0 = :v0) AND ((#n1 = :v1) OR (size(#n2) < :v2) OR (contains(#n3, :v3)))',
    );
    expect(input.ExpressionAttributeNames).toEqual({
      '#n0': 'version',
      '#n1': 'role',
      '#n2': 'history',
      '#n3': 'tags',
    });
    expect(input.ExpressionAttributeValues).toEqual({
      ':v0': { N: '2' },
      ':v1': { S: 'member' },
      ':v2': { N: '5' },
      ':v3': { S: 'x' },
    });
  });
});

describe('conditions', () => {
  it('compile every operator, nested paths and encode values with the schema', () => {
    const input = people.requests.put(
      { ...base, version: 1 },
      {
        if: (c) =>
          c.and(
            c.exists('address.geo.lat'),
            c.notExists('nickname'),
            c.ne('bio', null),
            c.ge('createdAt', created),
            c.between('age', 18, 65),
            c.beginsWith('email', 'ada@'),
            c.in('role', ['member', 'admin']),
            c.not(c.contains('luckyNumbers', 13)),
            c.size('tags').between(1, 3),
          ),
      },
    );
    expect(input.ConditionExpression).toBe(
      `(#n0 = :v0) AND (${[
        '(attribute_exists(#n1.#n2.#n3))',
        '(attribute_not_exists(#n4))',
        '(#n5 <> :v1)',
        '(#n6 >= :v2)',
        '(#n7 BETWEEN :v3 AND :v4)',
        '(begins_with(#n8, :v5))',
        '(#n9 IN (:v6, :v7))',
        '(NOT (contains(#n10, :v8)))',
        '(size(#n11) BETWEEN :v9 AND :v10)',
      ].join(' AND ')})`,
    );
    expect(input.ExpressionAttributeNames).toMatchObject({
      '#n1': 'address',
      '#n2': 'geo',
      '#n3': 'lat',
    });
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':v1': { NULL: true },
      ':v2': { S: '2024-01-02T03:04:05.000Z' },
      ':v8': { N: '13' },
    });
  });

  it('refuse unknown paths and values that do not fit the schema', () => {
    expect(
      caught(() =>
        people.requests.put({ ...base, version: 1 }, { if: (c) => c.exists('nope' as never) }),
      ),
    ).toMatchObject({
      code: 'request.invalid',
    });
    expect(
      caught(() =>
        people.requests.put({ ...base, version: 1 }, { if: (c) => c.eq('age', 'old' as never) }),
      ),
    ).toMatchObject({ code: 'schema.invalid', path: 'age' });
    expect(
      caught(() => people.requests.put({ ...base, version: 1 }, { if: (c) => c.in('role', []) })),
    ).toMatchObject({ code: 'request.invalid' });
  });
});

describe('update requests', () => {
  it('compile every action, bump the version and require the item to exist', () => {
    const input = people.requests.update(
      { userId: 'u1' },
      {
        set: { displayName: 'Ada L', 'address.city': 'Paris', nickname: undefined },
        setIfNotExists: { verified: true },
        remove: ['age'],
        increment: { score: 1.5 },
        add: { tags: new Set(['x']) },
        delete: { luckyNumbers: new Set([7]) },
        append: { history: [{ at: created, action: 'edit' }] },
      },
      { expectedVersion: 3 },
    );
    expect(input.UpdateExpression).toBe(
      'SET #n0 = :v0, #n1.#n2 = :v1, #n4 = if_not_exists(#n4, :v2), #n6 = if_not_exists(#n6, :v4) + :v3, ' +
        '#n9 = list_append(if_not_exists(#n9, :v8), :v7), #n10 = :v9 ' +
        'REMOVE #n3, #n5 ADD #n7 :v5 DELETE #n8 :v6',
    );
    expect(input.ExpressionAttributeNames).toEqual({
      '#n0': 'displayName',
      '#n1': 'address',
      '#n2': 'city',
      '#n3': 'nickname',
      '#n4': 'verified',
      '#n5': 'age',
      '#n6': 'score',
      '#n7': 'tags',
      '#n8': 'luckyNumbers',
      '#n9': 'history',
      '#n10': 'version',
    });
    expect(input.ExpressionAttributeValues?.[':v9']).toEqual({ N: '4' });
    expect(input.ExpressionAttributeValues?.[':v4']).toEqual({ N: '0' });
    expect(input.ExpressionAttributeValues?.[':v3']).toEqual({ N: '1.5' });
    expect(input.ConditionExpression).toBe('#n10 = :v10');
    expect(input.ExpressionAttributeValues?.[':v10']).toEqual({ N: '3' });
    expect(input.ReturnValues).toBe('ALL_NEW');
  });

  it('add 1 to the version without a condition when any version is accepted', () => {
    const input = people.requests.update(
      { userId: 'u1' },
      { set: { displayName: 'x' } },
      { expectedVersion: 'any' },
    );
    expect(input.UpdateExpression).toBe('SET #n0 = :v0 ADD #n1 :v1');
    expect(input.ConditionExpression).toBe('attribute_exists(#n2)');
    expect(input.ExpressionAttributeNames).toEqual({
      '#n0': 'displayName',
      '#n1': 'version',
      '#n2': 'pk',
    });
  });

  it('drop the existence condition for upserts', () => {
    const input = rooms.requests.update(
      { roomId: 'r', sentAt: created },
      { increment: { likes: 1 } },
      { upsert: true },
    );
    expect(input.ConditionExpression).toBeUndefined();
    expect(input.UpdateExpression).toBe('SET #n0 = if_not_exists(#n0, :v1) + :v0');
  });

  it('refuse keys, overlapping paths, removing required fields and empty updates', () => {
    const key = { roomId: 'r', sentAt: created };
    expect(
      caught(() => rooms.requests.update(key, { set: { roomId: 'x' } as never })),
    ).toMatchObject({
      code: 'request.invalid',
    });
    expect(
      caught(() =>
        people.requests.update(
          { userId: 'u1' },
          { set: { address: { city: 'x' }, 'address.city': 'y' } },
          { expectedVersion: 1 },
        ),
      ),
    ).toMatchObject({
      code: 'request.invalid',
      message: 'update paths overlap: address and address.city',
    });
    expect(caught(() => rooms.requests.update(key, { remove: ['text'] as never }))).toMatchObject({
      code: 'schema.invalid',
      path: 'text',
    });
    expect(caught(() => rooms.requests.update(key, {}))).toMatchObject({ code: 'request.invalid' });
    expect(caught(() => rooms.requests.update(key, { set: { likes: 0.5 } }))).toMatchObject({
      code: 'schema.invalid',
      path: 'likes',
    });
  });

  it('turn setting an empty set into a removal', () => {
    const input = people.requests.update(
      { userId: 'u1' },
      { set: { tags: new Set() } },
      { expectedVersion: 1 },
    );
    expect(input.UpdateExpression).toBe('SET #n1 = :v0 REMOVE #n0');
  });
});

describe('delete requests', () => {
  it('check the version when one is expected and return the old item', () => {
    expect(people.requests.delete({ userId: 'u1' }, { expectedVersion: 2 })).toEqual({
      TableName: 'profiles-test',
      Key: { pk: { S: 'u1' } },
      ConditionExpression: '#n0 = :v0',
      ExpressionAttributeNames: { '#n0': 'version' },
      ExpressionAttributeValues: { ':v0': { N: '2' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ReturnValues: 'ALL_OLD',
    });
  });
});

describe('query and scan requests', () => {
  it('compile key conditions on the table and on indexes, leaving the page size to DynamoDB under a filter', () => {
    expect(
      rooms.requests.query({
        key: { roomId: 'r1', sentAt: { between: [new Date(0), created] } },
        filter: (c) => c.gt('likes', 2),
        descending: true,
        limit: 10,
      }),
    ).toEqual({
      TableName: 'messages',
      KeyConditionExpression: '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2',
      FilterExpression: '#n2 > :v3',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'sk', '#n2': 'likes' },
      ExpressionAttributeValues: {
        ':v0': { S: 'r1' },
        ':v1': { S: '1970-01-01T00:00:00.000Z' },
        ':v2': { S: '2024-01-02T03:04:05.000Z' },
        ':v3': { N: '2' },
      },
      ScanIndexForward: false,
    });
    // Without a filter the caller's limit is DynamoDB's: nothing is read in vain.
    expect(rooms.requests.query({ key: { roomId: 'r1' }, limit: 10 }).Limit).toBe(10);
    const byAuthor = rooms.requests.query({
      index: 'byAuthor',
      key: { authorId: 'u1', sentAt: { beginsWith: '2024' } },
    });
    expect(byAuthor.IndexName).toBe('byAuthor');
    expect(byAuthor.KeyConditionExpression).toBe('#n0 = :v0 AND begins_with(#n1, :v1)');
    expect(
      rooms.requests.query({ key: { roomId: 'r1', sentAt: created } }).KeyConditionExpression,
    ).toBe('#n0 = :v0 AND #n1 = :v1');
  });

  it('refuse a missing partition key, unknown indexes and consistent reads on global indexes', () => {
    expect(caught(() => rooms.requests.query({ key: {} as never }))).toMatchObject({
      code: 'request.invalid',
    });
    expect(
      caught(() => rooms.requests.query({ index: 'nope' as never, key: { roomId: 'r' } as never })),
    ).toMatchObject({
      code: 'request.invalid',
    });
    expect(
      caught(() =>
        rooms.requests.query({ index: 'byAuthor', key: { authorId: 'u' }, consistentRead: true }),
      ),
    ).toMatchObject({ code: 'request.invalid' });
  });

  it('continue from a cursor, and refuse a cursor made for another index', () => {
    const cursor = encodeCursor(undefined, { pk: { S: 'r1' }, sk: { S: 'x' } });
    expect(rooms.requests.query({ key: { roomId: 'r1' }, cursor }).ExclusiveStartKey).toEqual({
      pk: { S: 'r1' },
      sk: { S: 'x' },
    });
    expect(
      caught(() => rooms.requests.query({ index: 'byAuthor', key: { authorId: 'u' }, cursor })),
    ).toMatchObject({
      code: 'cursor.invalid',
    });
    expect(caught(() => decodeCursor('not a cursor', undefined))).toMatchObject({
      code: 'cursor.invalid',
    });
  });

  it('round-trip binary keys through a cursor', () => {
    const key = { pk: { B: new Uint8Array([0, 255, 7]) }, n: { N: '12' } };
    expect(decodeCursor(encodeCursor('i', key), 'i')).toEqual(key);
  });

  it('build parallel scan segments', () => {
    expect(
      rooms.requests.scan({ segment: { index: 2, total: 4 }, filter: (c) => c.exists('authorId') }),
    ).toEqual({
      TableName: 'messages',
      FilterExpression: 'attribute_exists(#n0)',
      ExpressionAttributeNames: { '#n0': 'authorId' },
      Segment: 2,
      TotalSegments: 4,
    });
    expect(caught(() => rooms.requests.scan({ segment: { index: 4, total: 4 } }))).toMatchObject({
      code: 'request.invalid',
    });
  });
});

describe('batch requests', () => {
  it('chunk batch gets by 100 and read duplicate keys once', () => {
    const keys = Array.from({ length: 250 }, (_, i) => ({ userId: `u${i % 230}` }));
    const inputs = people.requests.batchGet(keys);
    expect(inputs.map((input) => input.RequestItems?.['profiles-test']?.Keys?.length)).toEqual([
      100, 100, 30,
    ]);
  });

  it('chunk batch writes by 25 and validate every operation first', () => {
    const ops = Array.from({ length: 60 }, (_, i) =>
      i % 2
        ? { put: { roomId: 'r', sentAt: new Date(i), text: `m${i}` } }
        : { delete: { roomId: 'r', sentAt: new Date(i) } },
    );
    const inputs = rooms.requests.batchWrite(ops);
    expect(inputs.map((input) => input.RequestItems?.messages?.length)).toEqual([25, 25, 10]);
    expect(inputs[0]!.RequestItems!.messages![1]).toEqual({
      PutRequest: {
        Item: {
          pk: { S: 'r' },
          sk: { S: '1970-01-01T00:00:00.001Z' },
          text: { S: 'm1' },
          likes: { N: '0' },
        },
      },
    });
    const bad = [...ops, { put: { roomId: 'r', sentAt: new Date(999), text: 5 } }];
    expect(caught(() => rooms.requests.batchWrite(bad as never))).toMatchObject({
      code: 'schema.invalid',
      path: 'text',
    });
  });

  it('refuse two operations on one key and batch writes on versioned tables', () => {
    const key = { roomId: 'r', sentAt: created };
    expect(
      caught(() => rooms.requests.batchWrite([{ delete: key }, { delete: key }])),
    ).toMatchObject({
      code: 'request.invalid',
    });
    expect(caught(() => people.requests.batchWrite([{ delete: { userId: 'u' } }]))).toMatchObject({
      code: 'request.invalid',
    });
  });
});

describe('transaction requests', () => {
  it('list every operation with its condition and without single-request return values', () => {
    const input = buildTransactWrite(
      [
        people.tx.put({ ...base, version: 1 }),
        people.tx.update({ userId: 'u2' }, { increment: { age: 1 } }, { expectedVersion: 'any' }),
        rooms.tx.delete({ roomId: 'r', sentAt: created }),
        rooms.tx.check({ roomId: 'r', sentAt: new Date(0) }, (c) => c.exists('text')),
      ],
      { clientRequestToken: 'token-1' },
    );
    expect(input.ClientRequestToken).toBe('token-1');
    expect(input.TransactItems?.map((item) => Object.keys(item)[0])).toEqual([
      'Put',
      'Update',
      'Delete',
      'ConditionCheck',
    ]);
    expect(input.TransactItems?.[1]?.Update).not.toHaveProperty('ReturnValues');
    expect(input.TransactItems?.[2]?.Delete).not.toHaveProperty('ReturnValues');
    expect(input.TransactItems?.[3]?.ConditionCheck).toMatchObject({
      TableName: 'messages',
      ConditionExpression: 'attribute_exists(#n0)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('refuse two operations on one item and empty transactions', () => {
    const key = { roomId: 'r', sentAt: created };
    expect(
      caught(() =>
        buildTransactWrite([rooms.tx.delete(key), rooms.tx.check(key, (c) => c.exists('text'))]),
      ),
    ).toMatchObject({
      code: 'request.invalid',
    });
    expect(caught(() => buildTransactWrite([]))).toMatchObject({ code: 'request.invalid' });
  });
});
