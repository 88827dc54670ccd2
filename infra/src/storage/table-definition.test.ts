import { describe, expect, it } from 'vitest';
import {
  domainTableDefinition,
  type TableDefinition,
  toSstDynamoArgs,
  toTerraformTableArguments,
} from './table-definition.js';

describe('domainTableDefinition', () => {
  it('keys DomainRecords by group ID and hostname, indexes them by owner, with a full-image stream and PITR', () => {
    expect(domainTableDefinition()).toEqual({
      hashKey: { name: 'pk', type: 'S' },
      rangeKey: { name: 'sk', type: 'S' },
      globalIndexes: [
        {
          name: 'byOwner',
          hashKey: { name: 'Owner', type: 'S' },
          rangeKey: { name: 'pk', type: 'S' },
          projection: 'KEYS_ONLY',
        },
      ],
      billingMode: 'PAY_PER_REQUEST',
      stream: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
      pointInTimeRecovery: { enabled: true },
    });
  });
});

describe('toTerraformTableArguments', () => {
  it('reads as Terraform aws_dynamodb_table arguments, each key attribute defined once', () => {
    expect(toTerraformTableArguments(domainTableDefinition())).toEqual({
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      attribute: [
        { name: 'Owner', type: 'S' },
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ],
      global_secondary_index: [
        { name: 'byOwner', hash_key: 'Owner', range_key: 'pk', projection_type: 'KEYS_ONLY' },
      ],
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
      point_in_time_recovery: { enabled: true },
    });
  });

  it('sorts attributes and indexes by name whatever the declaration order', () => {
    const definition: TableDefinition = {
      ...domainTableDefinition(),
      hashKey: { name: 'z', type: 'N' },
      rangeKey: { name: 'a', type: 'B' },
      globalIndexes: [
        {
          name: 'second',
          hashKey: { name: 'm', type: 'S' },
          rangeKey: { name: 'a', type: 'B' },
          projection: 'KEYS_ONLY',
        },
        {
          name: 'first',
          hashKey: { name: 'B', type: 'S' },
          rangeKey: { name: 'z', type: 'N' },
          projection: 'KEYS_ONLY',
        },
      ],
    };
    const args = toTerraformTableArguments(definition);
    expect(args.attribute).toEqual([
      { name: 'B', type: 'S' },
      { name: 'a', type: 'B' },
      { name: 'm', type: 'S' },
      { name: 'z', type: 'N' },
    ]);
    expect(args.global_secondary_index?.map((index) => index.name)).toEqual(['first', 'second']);
  });

  it('refuses a key attribute declared with two types', () => {
    const definition: TableDefinition = {
      ...domainTableDefinition(),
      globalIndexes: [
        {
          name: 'byOwner',
          hashKey: { name: 'Owner', type: 'S' },
          rangeKey: { name: 'pk', type: 'N' },
          projection: 'KEYS_ONLY',
        },
      ],
    };
    expect(() => toTerraformTableArguments(definition)).toThrow(
      expect.objectContaining({
        code: 'table.invalid',
        message: expect.stringMatching(/pk .* S and as N/),
      }),
    );
  });
});

describe('toSstDynamoArgs', () => {
  it('becomes sst.aws.Dynamo arguments with a keys-only index and the table settings pinned on the table itself', () => {
    expect(toSstDynamoArgs(domainTableDefinition(), { deletionProtection: true })).toEqual({
      fields: { pk: 'string', sk: 'string', Owner: 'string' },
      primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
      globalIndexes: {
        byOwner: { hashKey: 'Owner', rangeKey: 'pk', projection: 'keys-only' },
      },
      stream: 'new-and-old-images',
      deletionProtection: true,
      transform: {
        table: {
          billingMode: 'PAY_PER_REQUEST',
          pointInTimeRecovery: { enabled: true },
          deletionProtectionEnabled: true,
        },
      },
    });
  });
});
