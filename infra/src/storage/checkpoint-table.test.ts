import { describe, expect, it } from 'vitest';
import { erasureCheckpointTableDefinition } from './checkpoint-table.js';
import { toSstDynamoArgs, toTerraformTableArguments } from './table-definition.js';

describe('erasureCheckpointTableDefinition', () => {
  it('keys checkpoints by plan ID (string) and part (number), expires them on expiresAt, with PITR and no stream or index', () => {
    expect(erasureCheckpointTableDefinition()).toEqual({
      hashKey: { name: 'pk', type: 'S' },
      rangeKey: { name: 'sk', type: 'N' },
      globalIndexes: [],
      billingMode: 'PAY_PER_REQUEST',
      timeToLive: { attributeName: 'expiresAt' },
      pointInTimeRecovery: { enabled: true },
    });
  });
});

describe('a table with TTL and without stream or index', () => {
  it('reads as Terraform arguments with a ttl block and no stream or index arguments', () => {
    expect(toTerraformTableArguments(erasureCheckpointTableDefinition())).toEqual({
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      attribute: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'N' },
      ],
      ttl: { attribute_name: 'expiresAt', enabled: true },
      point_in_time_recovery: { enabled: true },
    });
  });

  it('becomes sst.aws.Dynamo arguments with ttl, the keys as the only fields, and no stream or index', () => {
    expect(
      toSstDynamoArgs(erasureCheckpointTableDefinition(), { deletionProtection: false }),
    ).toEqual({
      fields: { pk: 'string', sk: 'number' },
      primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
      ttl: 'expiresAt',
      deletionProtection: false,
      transform: {
        table: {
          billingMode: 'PAY_PER_REQUEST',
          pointInTimeRecovery: { enabled: true },
          deletionProtectionEnabled: false,
        },
      },
    });
  });
});
