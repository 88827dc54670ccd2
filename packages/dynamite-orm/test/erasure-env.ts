// Creates the social-graph tables (and a checkpoint table) on DynamoDB Local, seeds them, and
// reads them back whole. Shared by the erasure tests and the child process they kill.
import {
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type AnyTableDefinition,
  createEraser,
  createTableInput,
  type Eraser,
  erasureCheckpoints,
  type TableClient,
  timeToLiveInput,
} from '../src/index.js';
import { seed, tables } from './social.js';

// biome-ignore lint/suspicious/noExplicitAny: the fixture tables are of different shapes
type AnyTableClient = TableClient<any>;

// The system-access audit log would print a line per operation; the tests read the data instead.
const quiet = { logger: () => {} } as object;

/** Physical names of the fixture tables, by logical name (plus `checkpoints`). */
export type TableNames = Record<string, string>;

export async function createSocialTables(
  client: DynamoDBClient,
  suffix: string,
): Promise<TableNames> {
  const names: TableNames = {};
  for (const table of [...tables, erasureCheckpoints]) {
    const tableName = `${table.name}-${suffix}`;
    await client.send(new CreateTableCommand(createTableInput(table as never, { tableName })));
    const ttl = timeToLiveInput(table as never, { tableName });
    if (ttl) await client.send(new UpdateTimeToLiveCommand(ttl));
    names[table.name] = tableName;
  }
  return names;
}

export function connectSocial(client: DynamoDBClient, names: TableNames, actor?: string) {
  const connected: AnyTableClient[] = tables.map((table) =>
    (table as AnyTableDefinition).connect(client, { tableName: names[table.name], ...quiet }),
  );
  const checkpoints = erasureCheckpoints.connect(client, {
    tableName: names[erasureCheckpoints.name]!,
    ...quiet,
  });
  const eraser: Eraser = createEraser({
    tables: connected,
    checkpoints,
    ...(actor ? { actor } : {}),
  });
  return { connected, checkpoints, eraser };
}

export async function seedSocial(client: DynamoDBClient, names: TableNames): Promise<void> {
  const { connected } = connectSocial(client, names);
  for (const db of connected) {
    const rows = (seed as Record<string, unknown[]>)[db.definition.name] ?? [];
    for (const row of rows) await db.asSystem('test-seed').put(row as never);
  }
}

/** Every row of every fixture table, sorted, by table name. */
export async function snapshot(
  client: DynamoDBClient,
  names: TableNames,
): Promise<Record<string, Record<string, unknown>[]>> {
  const { connected } = connectSocial(client, names);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const db of connected) {
    const rows: Record<string, unknown>[] = [];
    for await (const item of db.asSystem('test-read').scanAll({ consistentRead: true })) {
      rows.push(item as Record<string, unknown>);
    }
    const { partitionKey, sortKey } = db.definition.model;
    const order = (r: Record<string, unknown>) =>
      `${r[partitionKey.name]}\u0000${sortKey ? r[sortKey.name] : ''}`;
    rows.sort((a, b) => (order(a) < order(b) ? -1 : 1));
    out[db.definition.name] = rows;
  }
  return out;
}

/**
 * Writes every row of a snapshot back as stored items, as a restore from a backup taken then
 * would leave the tables (DynamoDB Local has no point-in-time recovery to do it for real).
 */
export async function restoreSnapshot(
  client: DynamoDBClient,
  names: TableNames,
  rows: Record<string, Record<string, unknown>[]>,
): Promise<void> {
  for (const table of tables) {
    for (const row of rows[table.name] ?? []) {
      await client.send(
        new PutItemCommand({ TableName: names[table.name], Item: table.marshal(row as never) }),
      );
    }
  }
}
