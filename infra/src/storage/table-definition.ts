/** A key attribute: its name and DynamoDB scalar type. */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

/**
 * The DomainRecord table as deployed, in a neutral shape: the keys with their types, the
 * stream, point-in-time recovery and billing. Stage differences (deletion protection,
 * retention) are not part of it.
 */
export interface TableDefinition {
  hashKey: KeyAttribute;
  rangeKey: KeyAttribute;
  billingMode: 'PAY_PER_REQUEST';
  stream: { enabled: true; viewType: 'NEW_AND_OLD_IMAGES' };
  pointInTimeRecovery: { enabled: true };
}

/**
 * The DomainRecord table: `pk` (group ID) and `sk` (hostname), both strings, a stream with
 * new and old images for the streamer, point-in-time recovery, on-demand billing.
 *
 * This is the one place infra/ defines the table; the SST component is built from it
 * ({@link toSstDynamoArgs}), and {@link toTerraformTableArguments} gives the same facts in
 * `aws_dynamodb_table` argument names, to compare with what dynamite's exporter generates
 * from the records schema.
 *
 * @example
 * domainTableDefinition().hashKey; // { name: 'pk', type: 'S' }
 */
export function domainTableDefinition(): TableDefinition {
  return {
    hashKey: { name: 'pk', type: 'S' },
    rangeKey: { name: 'sk', type: 'S' },
    billingMode: 'PAY_PER_REQUEST',
    stream: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
    pointInTimeRecovery: { enabled: true },
  };
}

/** The table in the argument names of Terraform's `aws_dynamodb_table`. */
export interface TerraformTableArguments {
  billing_mode: 'PAY_PER_REQUEST';
  hash_key: string;
  range_key: string;
  attribute: { name: string; type: 'S' | 'N' | 'B' }[];
  stream_enabled: true;
  stream_view_type: 'NEW_AND_OLD_IMAGES';
  point_in_time_recovery: { enabled: true };
}

/**
 * The definition as `aws_dynamodb_table` arguments (attributes sorted by name, the order
 * Terraform shows them in a plan).
 *
 * @example
 * toTerraformTableArguments(domainTableDefinition()).hash_key; // 'pk'
 */
export function toTerraformTableArguments(definition: TableDefinition): TerraformTableArguments {
  const attribute = [definition.hashKey, definition.rangeKey]
    .map(({ name, type }) => ({ name, type }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    billing_mode: definition.billingMode,
    hash_key: definition.hashKey.name,
    range_key: definition.rangeKey.name,
    attribute,
    stream_enabled: definition.stream.enabled,
    stream_view_type: definition.stream.viewType,
    point_in_time_recovery: { enabled: definition.pointInTimeRecovery.enabled },
  };
}

const SST_FIELD_TYPES = { S: 'string', N: 'number', B: 'binary' } as const;
const SST_STREAM_TYPES = { NEW_AND_OLD_IMAGES: 'new-and-old-images' } as const;

/**
 * The arguments of `sst.aws.Dynamo` for a definition. Point-in-time recovery, billing and
 * deletion protection are also set on the underlying table (`transform.table`) so that
 * they hold whatever SST's own defaults are in the version that deploys.
 */
export function toSstDynamoArgs(
  definition: TableDefinition,
  options: { deletionProtection: boolean },
): sst.aws.DynamoArgs {
  return {
    fields: {
      [definition.hashKey.name]: SST_FIELD_TYPES[definition.hashKey.type],
      [definition.rangeKey.name]: SST_FIELD_TYPES[definition.rangeKey.type],
    },
    primaryIndex: { hashKey: definition.hashKey.name, rangeKey: definition.rangeKey.name },
    stream: SST_STREAM_TYPES[definition.stream.viewType],
    deletionProtection: options.deletionProtection,
    transform: {
      table: {
        billingMode: definition.billingMode,
        pointInTimeRecovery: { enabled: definition.pointInTimeRecovery.enabled },
        deletionProtectionEnabled: options.deletionProtection,
      },
    },
  };
}
