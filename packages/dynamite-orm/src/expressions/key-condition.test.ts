import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { defineTable } from '../define-table.js';
import { allowAll } from '../policy/rules.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';

// Never sends: the tests look at the requests only.
const client = new DynamoDBClient({
  region: 'local',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
afterAll(() => client.destroy());

const scores = defineTable({
  name: 'scores',
  item: defineItem({
    game: attr.string().validate((s) => s.length >= 3, 'a game name of 3 characters or more'),
    score: attr.int().validate((n) => n >= 0, 'a score of at least 0'),
  }),
  partitionKey: 'game',
  sortKey: 'score',
  policies: allowAll(),
});
const db = scores.connect(client).asSystem('test');

describe('key conditions', () => {
  it('ask about stored values without the validate() checks, as condition operands do', () => {
    const input = db.requests.query({ key: { game: 'go', score: { gt: -1 } } });
    expect(input.KeyConditionExpression).toBe('#n0 = :v0 AND #n1 > :v1');
    expect(input.ExpressionAttributeValues).toEqual({ ':v0': { S: 'go' }, ':v1': { N: '-1' } });
  });

  it('still check the type, naming the field', () => {
    expect(() => db.requests.query({ key: { game: 'chess', score: { gt: 1.5 } } })).toThrow(
      expect.objectContaining({ code: 'schema.invalid', path: 'score' }),
    );
  });

  it('while keys of reads and writes are validated', () => {
    expect(() => db.requests.get({ game: 'go', score: 1 })).toThrow(
      expect.objectContaining({
        code: 'schema.invalid',
        path: 'game',
        expected: 'a game name of 3 characters or more',
      }),
    );
  });
});
