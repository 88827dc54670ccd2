import { describe, expect, it } from 'vitest';
import type { Condition } from '../expressions/condition.js';
import { attr, defineItem, defineTable } from '../index.js';
import { pushIntoQuery, pushIntoScan } from './pushdown.js';

const table = defineTable({
  name: 'pushdown',
  item: defineItem({
    teamId: attr.string(),
    memberId: attr.string(),
    ownerId: attr.string(),
    tags: attr.stringSet(),
    status: attr.string().default('open'),
    at: attr.date(),
    seen: attr.date({ storage: 'epochMillis' }).optional(),
  }),
  partitionKey: 'teamId',
  sortKey: 'memberId',
  indexes: { byOwner: { partitionKey: 'ownerId', sortKey: 'memberId' } },
});
const { model } = table;

const eq = (path: string, value: unknown): Condition => ({
  type: 'compare',
  path,
  operator: '=',
  value,
  size: false,
});

describe('a read policy’s predicate pushed into a query', () => {
  it('becomes the sort key condition when it constrains the sort key and the caller gave none', () => {
    const pushed = pushIntoQuery(model, { key: { teamId: 't1' } }, eq('memberId', 'ada'));
    expect(pushed).toEqual({ key: { teamId: 't1', memberId: { eq: 'ada' } } });
    const prefix = pushIntoQuery(
      model,
      { key: { teamId: 't1' } },
      { type: 'beginsWith', path: 'memberId', prefix: 'ada#' },
    );
    expect(prefix.key).toEqual({ teamId: 't1', memberId: { beginsWith: 'ada#' } });
  });

  it('joins the filter when it is on other attributes, next to the caller’s filter', () => {
    const own = eq('ownerId', 'ada');
    const pushed = pushIntoQuery(
      model,
      { key: { teamId: 't1' }, filter: { type: 'exists', path: 'seen', exists: true } },
      own,
    );
    expect(pushed.filter).toEqual({
      type: 'and',
      conditions: [{ type: 'exists', path: 'seen', exists: true }, own],
    });
  });

  it('leaves out what DynamoDB would refuse or judge otherwise than the check after decoding', () => {
    const request = { key: { teamId: 't1', memberId: { beginsWith: 'a' } } };
    const parts: Condition[] = [
      eq('teamId', 't1'), // the partition key queried: a query filter may not name it
      eq('memberId', 'ada'), // the caller already conditions the sort key
      eq('status', 'open'), // a default is filled in on read, absent in DynamoDB
      { type: 'compare', path: 'tags', operator: '=', value: new Set(['x']), size: false },
      eq('at', new Date(0)), // ISO text may be stored in another form
      { type: 'or', conditions: [eq('memberId', 'x'), eq('ownerId', 'y')] },
    ];
    for (const part of parts) expect(pushIntoQuery(model, request, part)).toBe(request);
    const kept = pushIntoQuery(model, request, {
      type: 'and',
      conditions: [...parts, eq('seen', new Date(5))],
    });
    expect(kept.filter).toEqual(eq('seen', new Date(5)));
  });

  it('uses the index’s keys on an index query: the table’s sort key may be filtered there', () => {
    const pushed = pushIntoQuery(
      model,
      { index: 'byOwner', key: { ownerId: 'ada' } },
      { type: 'and', conditions: [eq('ownerId', 'ada'), eq('teamId', 't1')] },
    );
    expect(pushed).toEqual({
      index: 'byOwner',
      key: { ownerId: 'ada' },
      filter: eq('teamId', 't1'),
    });
  });

  it('adds the whole predicate to a scan’s filter, keys included', () => {
    const own = { type: 'or' as const, conditions: [eq('teamId', 't1'), eq('ownerId', 'ada')] };
    expect(pushIntoScan(model, {}, own)).toEqual({ filter: own });
    expect(pushIntoScan(model, {}, undefined)).toEqual({});
  });
});
