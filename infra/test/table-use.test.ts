import { describe, expect, it } from 'vitest';
import type { FunctionKey } from '../src/index.js';
import {
  OPERATIONS_USED,
  readAppTableUse,
  recordOperationNames,
  requiredGrants,
} from './table-use.js';

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/t';
const arnOf = (name: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`;

describe('what each function does with the DomainRecord table, read from its sources', () => {
  it('names only operations RecordOperations has', () => {
    // A renamed operation fails here; a new one is looked for in the apps from then on.
    expect(recordOperationNames()).toEqual(
      expect.arrayContaining(Object.values(OPERATIONS_USED).flat()),
    );
  });

  it.each(Object.keys(OPERATIONS_USED) as FunctionKey[])(
    '%s calls exactly the operations its permissions were made for, through @symval/records only',
    (key) => {
      const use = readAppTableUse(key);
      expect(use.operations).toEqual(OPERATIONS_USED[key]);
      // The client is made by the app, every request by records (and dynamite under it).
      expect(use.sdkImports.filter((name) => !/^DynamoDBClient(Config)?$/.test(name))).toEqual([]);
      expect(use.bypasses).toEqual([]);
    },
  );
});

describe('requiredGrants', () => {
  it('authorises each transaction element by its own action', () => {
    const grants = requiredGrants(
      [
        {
          command: 'TransactWriteItemsCommand',
          input: {
            TransactItems: [{ Update: { TableName: 't' } }, { ConditionCheck: { TableName: 'u' } }],
          },
        },
      ],
      arnOf,
    );
    expect(grants).toEqual([
      `dynamodb:ConditionCheckItem on ${arnOf('u')}`,
      `dynamodb:UpdateItem on ${TABLE}`,
    ]);
  });

  it('puts a query of an index on the index ARN and a scan of the table on the table', () => {
    expect(
      requiredGrants(
        [
          { command: 'QueryCommand', input: { TableName: 't', IndexName: 'byOwner' } },
          { command: 'ScanCommand', input: { TableName: 't', Segment: 0, TotalSegments: 4 } },
          { command: 'BatchGetItemCommand', input: { RequestItems: { t: { Keys: [] } } } },
        ],
        arnOf,
      ),
    ).toEqual([
      `dynamodb:BatchGetItem on ${TABLE}`,
      `dynamodb:Query on ${TABLE}/index/byOwner`,
      `dynamodb:Scan on ${TABLE}`,
    ]);
  });

  it('refuses a request it has no mapping for, rather than let it pass unseen', () => {
    expect(() =>
      requiredGrants([{ command: 'ExecuteStatementCommand', input: {} }], arnOf),
    ).toThrow(/ExecuteStatementCommand/);
  });
});
