import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  LocalSecondaryIndex,
  Projection,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { TableLike } from '../model/table-like.js';
import type { IndexModel } from '../model/table-model.js';
import type { TableShape } from '../model/table-shape.js';
import type { FieldCodec } from '../schema/codec.js';

function keySchema(pk: FieldCodec, sk: FieldCodec | undefined) {
  return [
    { AttributeName: pk.savedAs, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.savedAs, KeyType: 'RANGE' as const }] : []),
  ];
}

function projection(
  index: IndexModel,
  tableKeys: ReadonlySet<string>,
  savedOf: (f: string) => string,
): Projection {
  if (index.projection === 'all') return { ProjectionType: 'ALL' };
  if (index.projection === 'keys') return { ProjectionType: 'KEYS_ONLY' };
  const names = index.projection.map(savedOf).filter((name) => !tableKeys.has(name));
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: names };
}

/**
 * The CreateTable input for a definition: key schema, attribute definitions of every key,
 * indexes, billing and stream. Used by tests and setup scripts; TTL needs a separate call
 * (see {@link timeToLiveInput}).
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput(users, { tableName: 'users-dev' })));
 */
export function createTableInput<S extends TableShape>(
  definition: TableLike<S>,
  options: { tableName?: string } = {},
): CreateTableCommandInput {
  const { model } = definition;
  const tableName = options.tableName ?? definition.name;
  const keyFields = new Map<string, FieldCodec>();
  const use = (field: FieldCodec | undefined) => {
    if (field) keyFields.set(field.savedAs, field);
  };
  use(model.partitionKey);
  use(model.sortKey);
  for (const index of model.indexes.values()) {
    use(index.partitionKey);
    use(index.sortKey);
  }
  const attributeDefinitions: AttributeDefinition[] = [...keyFields.values()].map((field) => ({
    AttributeName: field.savedAs,
    AttributeType: field.attribute.dynamoType as 'S' | 'N' | 'B',
  }));
  const tableKeys = new Set(
    keySchema(model.partitionKey, model.sortKey).map((k) => k.AttributeName),
  );
  const savedOf = (name: string) => model.codec.byName[name]?.savedAs ?? name;
  const provisioned = model.billing.mode === 'provisioned' ? model.billing : undefined;
  const globals: GlobalSecondaryIndex[] = [];
  const locals: LocalSecondaryIndex[] = [];
  for (const index of model.indexes.values()) {
    const base = {
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: projection(index, tableKeys, savedOf),
    };
    if (index.type === 'local') {
      locals.push(base);
    } else {
      const throughput = index.throughput ?? provisioned;
      globals.push({
        ...base,
        ...(provisioned && throughput
          ? {
              ProvisionedThroughput: {
                ReadCapacityUnits: throughput.read,
                WriteCapacityUnits: throughput.write,
              },
            }
          : {}),
      });
    }
  }
  return {
    TableName: tableName,
    AttributeDefinitions: attributeDefinitions,
    KeySchema: keySchema(model.partitionKey, model.sortKey),
    ...(provisioned
      ? {
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: {
            ReadCapacityUnits: provisioned.read,
            WriteCapacityUnits: provisioned.write,
          },
        }
      : { BillingMode: 'PAY_PER_REQUEST' }),
    ...(globals.length ? { GlobalSecondaryIndexes: globals } : {}),
    ...(locals.length ? { LocalSecondaryIndexes: locals } : {}),
    ...(model.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: model.stream } }
      : {}),
  };
}

/** The UpdateTimeToLive input enabling the definition's TTL attribute, if it has one. */
export function timeToLiveInput<S extends TableShape>(
  definition: TableLike<S>,
  options: { tableName?: string } = {},
): UpdateTimeToLiveCommandInput | undefined {
  const ttl = definition.model.ttl;
  if (!ttl) return undefined;
  return {
    TableName: options.tableName ?? definition.name,
    TimeToLiveSpecification: { AttributeName: ttl.savedAs, Enabled: true },
  };
}
