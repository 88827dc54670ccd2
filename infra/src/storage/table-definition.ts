import { InfraError } from '../errors/infra-error.js';

/** A key attribute: its name and DynamoDB scalar type. */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

/**
 * A global secondary index. Only keys-only projections exist here: the one index gives
 * the primary keys of an owner's records, and readers fetch the items by key.
 */
export interface GlobalIndexDefinition {
  name: string;
  hashKey: KeyAttribute;
  rangeKey: KeyAttribute;
  projection: 'KEYS_ONLY';
}

/**
 * A table as deployed, in a neutral shape: the keys with their types, the global indexes,
 * the stream, time to live, point-in-time recovery and billing. Stage differences (deletion
 * protection, retention) are not part of it.
 */
export interface TableDefinition {
  hashKey: KeyAttribute;
  rangeKey: KeyAttribute;
  /** Empty for a table without global indexes. */
  globalIndexes: GlobalIndexDefinition[];
  billingMode: 'PAY_PER_REQUEST';
  /** Absent: the table has no stream. */
  stream?: { enabled: true; viewType: 'NEW_AND_OLD_IMAGES' };
  /** The attribute DynamoDB's TTL deletes items by (epoch seconds). Absent: no TTL. */
  timeToLive?: { attributeName: string };
  pointInTimeRecovery: { enabled: true };
}

/**
 * The DomainRecord table: `pk` (group ID) and `sk` (hostname), both strings; the keys-only
 * index `byOwner` (`Owner`, then `pk`), through which erasing an owner and
 * `symval show --owner` query an owner's records instead of scanning the table; a stream with
 * new and old images for the streamer; point-in-time recovery; on-demand billing.
 *
 * This is the one place infra/ defines the table; the SST component is built from it
 * ({@link toSstDynamoArgs}), and {@link toTerraformTableArguments} gives the same facts in
 * `aws_dynamodb_table` argument names, which a test compares with what dynamite's exporter
 * generates from the records schema (`domainRecords` in `@symval/records`).
 *
 * @example
 * domainTableDefinition().hashKey; // { name: 'pk', type: 'S' }
 */
export function domainTableDefinition(): TableDefinition {
  return {
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
  };
}

/** A `global_secondary_index` block of Terraform's `aws_dynamodb_table`. */
export interface TerraformGlobalIndex {
  name: string;
  hash_key: string;
  range_key: string;
  projection_type: 'KEYS_ONLY';
}

/**
 * The table in the argument names of Terraform's `aws_dynamodb_table`. Indexes, stream and
 * TTL are left out when the table has none, as one writes them in HCL (Terraform's defaults:
 * no index, `stream_enabled = false`, TTL off).
 */
export interface TerraformTableArguments {
  billing_mode: 'PAY_PER_REQUEST';
  hash_key: string;
  range_key: string;
  attribute: KeyAttribute[];
  global_secondary_index?: TerraformGlobalIndex[];
  stream_enabled?: true;
  stream_view_type?: 'NEW_AND_OLD_IMAGES';
  ttl?: { attribute_name: string; enabled: true };
  point_in_time_recovery: { enabled: true };
}

const byName = <T extends { name: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * Every attribute that is a key of the table or of an index, once, with its type. DynamoDB
 * (and Terraform) want exactly these in the attribute definitions; an attribute defined there
 * but used by no key is refused. Two different types for one name is a mistake in the
 * definition, and would be refused at deploy time too.
 */
function keyAttributes(definition: TableDefinition): KeyAttribute[] {
  const found = new Map<string, KeyAttribute>();
  const keys = [
    definition.hashKey,
    definition.rangeKey,
    ...definition.globalIndexes.flatMap((index) => [index.hashKey, index.rangeKey]),
  ];
  for (const { name, type } of keys) {
    const known = found.get(name);
    if (known && known.type !== type) {
      throw new InfraError(
        'table.invalid',
        `key attribute ${name} is declared as ${known.type} and as ${type}; a key attribute has one type (S, N or B)`,
      );
    }
    found.set(name, { name, type });
  }
  return [...found.values()];
}

/**
 * The definition as `aws_dynamodb_table` arguments (attributes and indexes sorted by name,
 * the order Terraform shows them in a plan and dynamite's exporter writes them).
 *
 * @example
 * toTerraformTableArguments(domainTableDefinition()).hash_key; // 'pk'
 */
export function toTerraformTableArguments(definition: TableDefinition): TerraformTableArguments {
  const { globalIndexes, stream, timeToLive } = definition;
  return {
    billing_mode: definition.billingMode,
    hash_key: definition.hashKey.name,
    range_key: definition.rangeKey.name,
    attribute: keyAttributes(definition).sort(byName),
    ...(globalIndexes.length > 0
      ? {
          global_secondary_index: [...globalIndexes].sort(byName).map((index) => ({
            name: index.name,
            hash_key: index.hashKey.name,
            range_key: index.rangeKey.name,
            projection_type: index.projection,
          })),
        }
      : {}),
    ...(stream ? { stream_enabled: stream.enabled, stream_view_type: stream.viewType } : {}),
    ...(timeToLive ? { ttl: { attribute_name: timeToLive.attributeName, enabled: true } } : {}),
    point_in_time_recovery: { enabled: definition.pointInTimeRecovery.enabled },
  };
}

const SST_FIELD_TYPES = { S: 'string', N: 'number', B: 'binary' } as const;
const SST_STREAM_TYPES = { NEW_AND_OLD_IMAGES: 'new-and-old-images' } as const;
// SST's default projection is "all"; keys-only must be asked for.
const SST_PROJECTIONS = { KEYS_ONLY: 'keys-only' } as const;

/**
 * The arguments of `sst.aws.Dynamo` for a definition. `fields` holds every key attribute
 * of the table and its indexes (SST turns each into an attribute definition), and nothing
 * else: the TTL attribute is not a key, and DynamoDB refuses an attribute definition no key
 * uses. Indexes, stream and TTL are passed only when the table has them. Point-in-time
 * recovery, billing and deletion protection are also set on the underlying table
 * (`transform.table`) so that they hold whatever SST's own defaults are in the version that
 * deploys.
 */
export function toSstDynamoArgs(
  definition: TableDefinition,
  options: { deletionProtection: boolean },
): sst.aws.DynamoArgs {
  return {
    fields: Object.fromEntries(
      keyAttributes(definition).map(({ name, type }) => [name, SST_FIELD_TYPES[type]]),
    ),
    primaryIndex: { hashKey: definition.hashKey.name, rangeKey: definition.rangeKey.name },
    ...(definition.globalIndexes.length > 0
      ? {
          globalIndexes: Object.fromEntries(
            definition.globalIndexes.map((index) => [
              index.name,
              {
                hashKey: index.hashKey.name,
                rangeKey: index.rangeKey.name,
                projection: SST_PROJECTIONS[index.projection],
              },
            ]),
          ),
        }
      : {}),
    ...(definition.stream ? { stream: SST_STREAM_TYPES[definition.stream.viewType] } : {}),
    // SST sets `ttl { attribute_name, enabled = true }` on the table from this.
    ...(definition.timeToLive ? { ttl: definition.timeToLive.attributeName } : {}),
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
