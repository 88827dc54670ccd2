import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { allowAll } from '../policy/rules.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { defineSingleTable } from './define-single-table.js';

const app = defineSingleTable({
  name: 'app',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: { byDay: { partitionKey: 'gpk', sortKey: 'gsk' } },
});
const Visit = app.entity({
  name: 'visit',
  item: defineItem({ site: attr.string(), day: attr.string(), n: attr.int() }),
  key: { partitionKey: 'SITE#{site}', sortKey: '{day}#{n}' },
  indexes: { byDay: { partitionKey: 'VISITS', sortKey: '{day}' } },
  policies: allowAll(),
});
// Requests are pure: no server is contacted to build them.
const db = Visit.connect(new DynamoDBClient({ region: 'local' }), { tableName: 't' }).asSystem(
  'test',
);
const values = (input: { ExpressionAttributeValues?: Record<string, unknown> }) =>
  Object.values(input.ExpressionAttributeValues ?? {});

describe('entity key conditions', () => {
  it('leaves the sort key out when its template starts with a field and none is given', () => {
    const input = db.requests.query({ index: 'byDay', key: {} });
    expect(input.KeyConditionExpression).toBe('#n0 = :v0');
    expect(values(input)).toEqual([{ S: 'VISITS' }, { S: 'visit' }]);
  });

  it('uses plain comparisons when there is no prefix to stay inside', () => {
    expect(
      db.requests.query({ key: { site: 's', day: { le: '2024-01-02' } } }).KeyConditionExpression,
    ).toBe('#n0 = :v0 AND #n1 <= :v1');
    const input = db.requests.query({ key: { site: 's', day: { gt: '2024-01-02' } } });
    expect(values(input)).toContainEqual({ S: '2024-01-02$' });
  });

  it('bounds a range under a fixed prefix on both sides', () => {
    const input = db.requests.query({ key: { site: 's', day: '2024-01-02', n: { lt: 5 } } });
    expect(input.KeyConditionExpression).toBe('#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2');
    expect(values(input).slice(1, 3)).toEqual([
      { S: '2024-01-02#' },
      { S: '2024-01-02#4\u{10FFFF}' },
    ]);
  });

  it('refuses a condition before the last field given', () => {
    expect(() => db.requests.query({ key: { site: 's', day: { ge: 'a' }, n: 1 } })).toThrow(
      'n is given after day, which has a condition; only the last field given (from the left of {day}#{n}) may have one',
    );
  });
});
