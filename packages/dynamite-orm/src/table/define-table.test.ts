import { describe, expect, it } from 'vitest';
import { messages, profiles } from '../../test/fixtures.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { attr, createTableInput, defineItem, defineTable, timeToLiveInput } from '../index.js';

function definitionError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError && error.code === 'definition.invalid') return error.message;
    throw error;
  }
  throw new Error('expected definition.invalid');
}

const Item = defineItem({
  id: attr.string(),
  sort: attr.number(),
  maybe: attr.string().optional(),
  nul: attr.string().nullable(),
  list: attr.list(attr.string()),
  when: attr.date(),
  ver: attr.number(),
  fver: attr.float(),
});

describe('defineTable', () => {
  it('exposes attributes with DynamoDB types, saved names, metadata and nested fields', () => {
    const email = profiles.attributes.find((a) => a.path === 'email');
    expect(email).toMatchObject({
      savedAs: 'email',
      dynamoType: 'S',
      kind: 'string',
      meta: { personalData: 'contact', purpose: 'sign-in' },
    });
    expect(profiles.attributes.find((a) => a.path === 'userId')).toMatchObject({ savedAs: 'pk' });
    expect(profiles.attributes.find((a) => a.path === 'expiresAt')).toMatchObject({
      dynamoType: 'N',
      dateStorage: 'epochSeconds',
      optional: true,
    });
    expect(profiles.attributes.map((a) => a.path)).toEqual(
      expect.arrayContaining(['address.city', 'address.geo.lat', 'history[].at']),
    );
    expect(profiles).toMatchObject({
      name: 'profiles',
      partitionKey: 'userId',
      version: 'version',
      ttl: 'expiresAt',
      stream: 'NEW_AND_OLD_IMAGES',
      billing: { mode: 'onDemand' },
    });
    expect(profiles.indexes.map((i) => [i.name, i.partitionKey.savedAs, i.projection])).toEqual([
      ['byEmail', 'email', 'keys'],
      ['byOrg', 'org', ['displayName']],
    ]);
  });

  it.each([
    ['a missing key field', { partitionKey: 'nope' }, /not a field/],
    ['an optional key', { partitionKey: 'maybe' }, /cannot be optional/],
    ['a nullable key', { partitionKey: 'nul' }, /cannot be nullable/],
    ['a list key', { partitionKey: 'list' }, /keys must be S, N or B/],
    ['the same sort and partition key', { sortKey: 'id' }, /must differ/],
    ['a non-integer version', { version: 'fver' }, /required attr\.int\(\)/],
    ['a string TTL', { ttl: 'id' }, /ttl id must be/],
    ['an ISO date TTL', { ttl: 'when' }, /epochSeconds/],
    [
      'a local index on another partition key',
      { indexes: { local1: { partitionKey: 'sort', sortKey: 'when', type: 'local' } } },
      /must use the table's partition key/,
    ],
    [
      'an index projecting an unknown field',
      { indexes: { global1: { partitionKey: 'sort', projection: ['zzz'] } } },
      /unknown field zzz/,
    ],
    ['a bad table name', { name: 'x' }, /table name/],
  ])('refuses %s', (_, change, message) => {
    expect(
      definitionError(() =>
        defineTable({ name: 'things', item: Item, partitionKey: 'id', ...change } as never),
      ),
    ).toMatch(message);
  });

  it('refuses two fields saved under one name and field names with dots', () => {
    expect(
      definitionError(() => defineItem({ a: attr.string(), b: attr.string().savedAs('a') })),
    ).toMatch(/both saved as "a"/);
    expect(definitionError(() => defineItem({ 'a.b': attr.string() }))).toMatch(/not valid/);
    expect(definitionError(() => attr.literal())).toMatch(/at least one value/);
  });
});

describe('createTableInput', () => {
  it('describes keys, indexes, billing and stream from the definition', () => {
    expect(createTableInput(profiles, { tableName: 'p1' })).toEqual({
      TableName: 'p1',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'email', AttributeType: 'S' },
        { AttributeName: 'org', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byEmail',
          KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'byOrg',
          KeySchema: [
            { AttributeName: 'org', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['displayName'] },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(timeToLiveInput(profiles)).toEqual({
      TableName: 'profiles',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(timeToLiveInput(messages)).toBeUndefined();
  });

  it('gives provisioned tables and their global indexes capacity', () => {
    const table = defineTable({
      name: 'prov',
      item: Item,
      partitionKey: 'id',
      sortKey: 'sort',
      billing: { mode: 'provisioned', read: 2, write: 3 },
      indexes: {
        byWhen: { partitionKey: 'when' },
        local: { partitionKey: 'id', sortKey: 'when', type: 'local' },
      },
    });
    const input = createTableInput(table);
    expect(input.ProvisionedThroughput).toEqual({ ReadCapacityUnits: 2, WriteCapacityUnits: 3 });
    expect(input.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toEqual({
      ReadCapacityUnits: 2,
      WriteCapacityUnits: 3,
    });
    expect(input.LocalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'local',
      Projection: { ProjectionType: 'ALL' },
    });
  });
});
