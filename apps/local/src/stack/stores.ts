import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { rateLimitTableInput, rateLimitTimeToLiveInput } from '@symval/httpapi/rate-limit-table';
import { connectRecords, recordsTableInput, type SystemAccessLogger } from '@symval/records';
import { loadState, publishSnapshot, rebuildFromTable } from '@symval/snapshot-builder';

/** What {@link ensureTable} found or did. */
export type EnsureTableResult = 'existed' | 'created' | 'stream-enabled';

/**
 * Creates the DomainRecord table when it is missing (`recordsTableInput`), and turns its
 * stream on when a kept table has none; waits until it is ACTIVE.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<EnsureTableResult> {
  let result: EnsureTableResult = 'existed';
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      result = 'stream-enabled';
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
    result = 'created';
  }
  return waitUntilActive(client, tableName, result);
}

async function waitUntilActive<T>(
  client: DynamoDBClient,
  tableName: string,
  result: T,
): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE within 10 s`);
}

/**
 * Creates the API's shared rate-limit table (`rateLimitTableInput`, TTL on) when it is
 * missing, so the local API counts as it does on AWS.
 */
export async function ensureRateLimitTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<'existed' | 'created'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(rateLimitTableInput({ tableName })));
  await waitUntilActive(client, tableName, undefined);
  await client.send(new UpdateTimeToLiveCommand(rateLimitTimeToLiveInput({ tableName })));
  return 'created';
}

/** Where the snapshot lives. */
export interface SnapshotPlace {
  bucket: string;
  key: string;
  stateKey: string;
}

/**
 * Publishes the snapshot from a full scan of the table when the builder has no state yet (a
 * fresh data directory), so the site has a document from the first second. Later changes
 * come through the stream, as in production. Returns whether it published. The scan is a
 * system job: `systemAccessLogger` hears of it (records' default otherwise).
 */
export async function bootstrapSnapshot(
  s3: S3Client,
  dynamo: DynamoDBClient,
  tableName: string,
  place: SnapshotPlace,
  systemAccessLogger?: SystemAccessLogger,
): Promise<boolean> {
  const loaded = await loadState(s3, place);
  if (loaded.state) return false;
  const records = connectRecords(dynamo, {
    tableName,
    ...(systemAccessLogger ? { systemAccessLogger } : {}),
  });
  const state = await rebuildFromTable(records.asSystem('snapshot-rebuild').listAll());
  await publishSnapshot(s3, { ...place, state, loaded });
  return true;
}
