import { describe, expect, it } from 'vitest';
import {
  domainTableDefinition,
  toSstDynamoArgs,
  toTerraformTableArguments,
} from './table-definition.js';

describe('domainTableDefinition', () => {
  it('keys DomainRecords by group ID and hostname, with a full-image stream and PITR', () => {
    expect(domainTableDefinition()).toEqual({
      hashKey: { name: 'pk', type: 'S' },
      rangeKey: { name: 'sk', type: 'S' },
      billingMode: 'PAY_PER_REQUEST',
      stream: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
      pointInTimeRecovery: { enabled: true },
    });
  });

  it('reads as Terraform aws_dynamodb_table arguments', () => {
    expect(toTerraformTableArguments(domainTableDefinition())).toEqual({
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      attribute: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ],
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
      point_in_time_recovery: { enabled: true },
    });
  });

  it('sorts Terraform attributes by name whatever the key order', () => {
    const definition = {
      ...domainTableDefinition(),
      hashKey: { name: 'z', type: 'N' as const },
      rangeKey: { name: 'a', type: 'B' as const },
    };
    expect(toTerraformTableArguments(definition).attribute).toEqual([
      { name: 'a', type: 'B' },
      { name: 'z', type: 'N' },
    ]);
  });

  it('becomes sst.aws.Dynamo arguments with the table settings pinned on the table itself', () => {
    expect(toSstDynamoArgs(domainTableDefinition(), { deletionProtection: true })).toEqual({
      fields: { pk: 'string', sk: 'string' },
      primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
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
