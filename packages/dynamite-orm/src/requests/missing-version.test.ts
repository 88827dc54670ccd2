import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamiteError } from '../errors/dynamite-error.js';
import { conditionHolds, storedLookup } from '../expressions/evaluate-condition.js';
import {
  allowAll,
  attr,
  conditionBuilder,
  defineItem,
  defineTable,
  isChecked,
  issuesOf,
  viewerType,
} from '../index.js';

const Doc = defineItem({
  docId: attr.string().savedAs('pk'),
  title: attr.string(),
  rev: attr.int().savedAs('Rev'),
});
const config = {
  name: 'adopted-docs',
  item: Doc,
  partitionKey: 'docId',
  version: 'rev',
  viewer: viewerType<{ userId: string }>(),
  policies: allowAll(),
} as const;
const adopted = defineTable({ ...config, allowMissingVersion: true });
const strict = defineTable(config);

// Never sends: these tests look at the requests and the decoding only.
const client = new DynamoDBClient({
  region: 'local',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
afterAll(() => client.destroy());
const db = adopted.connect(client, { tableName: 'docs' }).as({ userId: 'u1' });

function definitionError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DynamiteError && error.code === 'definition.invalid') return error.message;
    throw error;
  }
  throw new Error('expected definition.invalid');
}

describe('allowMissingVersion: the definition', () => {
  it('is refused without a version attribute, and when it is not a boolean', () => {
    const { version: _, ...unversioned } = config;
    expect(definitionError(() => defineTable({ ...unversioned, allowMissingVersion: true }))).toBe(
      'table adopted-docs: allowMissingVersion needs a version attribute (the version option)',
    );
    expect(
      definitionError(() => defineTable({ ...config, allowMissingVersion: 'yes' as never })),
    ).toBe('table adopted-docs: allowMissingVersion must be true or false, got yes');
  });

  it('is visible to tools, and off by default', () => {
    expect(adopted.allowMissingVersion).toBe(true);
    expect(strict.allowMissingVersion).toBe(false);
  });
});

describe('allowMissingVersion: reads', () => {
  const legacy = { pk: { S: 'd1' }, title: { S: 'Old' } };

  it('reads an item without the version as version 0, strictly', () => {
    expect(adopted.unmarshal(legacy)).toEqual({ docId: 'd1', title: 'Old', rev: 0 });
    expect(adopted.unmarshal({ ...legacy, Rev: { N: '7' } }).rev).toBe(7);
  });

  it('decodes stream images without the version the same way', () => {
    const change = adopted.decodeStreamRecord({
      eventName: 'REMOVE',
      dynamodb: { Keys: { pk: { S: 'd1' } }, OldImage: legacy },
    });
    expect(change.oldItem).toEqual({ docId: 'd1', title: 'Old', rev: 0 });
  });

  it('does not list the missing version among the issues of a lenient read', () => {
    const read = adopted.unmarshal({ ...legacy, title: { N: '3' } }, { validation: 'lenient' });
    expect(isChecked(read)).toBe(false);
    expect(issuesOf(read)).toEqual([
      { path: 'title', expected: 'S (a string)', received: { N: '3' } },
    ]);
    expect(read.rev).toBe(0);
  });

  it('still refuses the item on a table without the option', () => {
    expect(() => strict.unmarshal(legacy)).toThrow(
      expect.objectContaining({ code: 'schema.invalid', path: 'rev' }),
    );
  });
});

describe('allowMissingVersion: write conditions', () => {
  it('holds version 0 to an absent (or 0) version of an existing item, and writes 1', () => {
    const update = db.requests.update(
      { docId: 'd1' },
      { set: { title: 'New' } },
      { expectedVersion: 0 },
    );
    expect(update.ConditionExpression).toBe(
      '(attribute_exists(#n2)) AND (attribute_not_exists(#n1) OR #n1 = :v2)',
    );
    expect(update.ExpressionAttributeNames).toEqual({ '#n0': 'title', '#n1': 'Rev', '#n2': 'pk' });
    expect(update.UpdateExpression).toBe('SET #n0 = :v0, #n1 = :v1');
    expect(update.ExpressionAttributeValues?.[':v1']).toEqual({ N: '1' });

    const remove = db.requests.delete({ docId: 'd1' }, { expectedVersion: 0 });
    expect(remove.ConditionExpression).toBe(
      '(attribute_exists(#n0)) AND (attribute_not_exists(#n1) OR #n1 = :v0)',
    );
    const put = db.requests.put({ docId: 'd1', title: 'New', rev: 0 });
    expect(put.Item?.Rev).toEqual({ N: '1' });
    expect(put.ConditionExpression).toBe(remove.ConditionExpression);
  });

  it('leaves a later version compared as it is: an absent version is not 3', () => {
    const update = db.requests.update(
      { docId: 'd1' },
      { set: { title: 'x' } },
      { expectedVersion: 3 },
    );
    expect(update.ConditionExpression).toBe('#n1 = :v2');
  });

  it('adds one to an absent version when any version will do', () => {
    const update = db.requests.update(
      { docId: 'd1' },
      { set: { title: 'x' } },
      { expectedVersion: 'any' },
    );
    expect(update.UpdateExpression).toBe('SET #n0 = :v0 ADD #n1 :v1');
    expect(update.ConditionExpression).toBe('attribute_exists(#n2)');
  });

  it('counts an absent version as 0 in every comparison a caller or a policy writes', () => {
    const c = conditionBuilder<(typeof Doc)['fields']>();
    const condition = (built: ReturnType<typeof c.eq>) =>
      db.requests.update(
        { docId: 'd1' },
        { set: { title: 'x' } },
        { expectedVersion: 'any', if: () => built },
      ).ConditionExpression;
    expect(condition(c.lt('rev', 1))).toBe(
      '(attribute_exists(#n2)) AND (attribute_not_exists(#n1) OR #n1 < :v2)',
    );
    expect(condition(c.gt('rev', 0))).toBe('(attribute_exists(#n2)) AND (#n1 > :v2)');
    expect(condition(c.ne('rev', 0))).toBe(
      '(attribute_exists(#n2)) AND (attribute_exists(#n1) AND #n1 <> :v2)',
    );
    expect(condition(c.between('rev', 0, 2))).toBe(
      '(attribute_exists(#n2)) AND (attribute_not_exists(#n1) OR #n1 BETWEEN :v2 AND :v3)',
    );
    expect(condition(c.in('rev', [2, 3]))).toBe('(attribute_exists(#n2)) AND (#n1 IN (:v2, :v3))');
    // Whether the attribute is stored at all stays a question about storage.
    expect(condition(c.notExists('rev'))).toBe(
      '(attribute_exists(#n2)) AND (attribute_not_exists(#n1))',
    );
  });

  it('judges conditions on a stored item the way DynamoDB is told to', () => {
    const c = conditionBuilder<(typeof Doc)['fields']>();
    const legacy = storedLookup({ pk: { S: 'd1' }, title: { S: 'Old' } });
    const versioned = storedLookup({ pk: { S: 'd1' }, title: { S: 'Old' }, Rev: { N: '2' } });
    const cases = [
      [c.eq('rev', 0), true, false],
      [c.lt('rev', 1), true, false],
      [c.ne('rev', 0), false, true],
      [c.in('rev', [0, 2]), true, true],
      [c.between('rev', 1, 5), false, true],
      [c.exists('rev'), false, true],
    ] as const;
    for (const [condition, onLegacy, onVersioned] of cases) {
      expect([
        conditionHolds(adopted.model, condition, legacy),
        conditionHolds(adopted.model, condition, versioned),
      ]).toEqual([onLegacy, onVersioned]);
    }
    // Without the option an absent version is simply absent.
    expect(conditionHolds(strict.model, c.eq('rev', 0), legacy)).toBe(false);
  });
});
