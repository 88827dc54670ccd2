import {
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { StreamPollerError } from './logic.js';
import type { SourceShard, StreamSource } from './types.js';
export async function resolveStreamArn(
  config: DynamoDBClientConfig,
  tableName: string,
): Promise<string> {
  const client = new DynamoDBClient(config);
  try {
    const { Table } = await client
      .send(new DescribeTableCommand({ TableName: tableName }))
      .catch((error: unknown) => {
        throw new StreamPollerError(
          'stream-poller.no-stream',
          `cannot read table ${JSON.stringify(tableName)} (${String(error)}); expected an existing table with a stream`,
          { cause: error },
        );
      });
    const arn = Table?.LatestStreamArn;
    if (!arn || Table?.StreamSpecification?.StreamEnabled === false) {
      throw new StreamPollerError(
        'stream-poller.no-stream',
        `table ${JSON.stringify(tableName)} has no enabled stream; create it with StreamSpecification: { StreamEnabled: true, StreamViewType: ... }`,
      );
    }
    return arn;
  } finally {
    client.destroy();
  }
}

/** Reads a stream through the DynamoDB Streams API. */
export function createSdkStreamSource(
  config: DynamoDBClientConfig,
  streamArn: string,
): StreamSource {
  const client = new DynamoDBStreamsClient(config);
  return {
    async listShards(abortSignal) {
      const shards: SourceShard[] = [];
      let start: string | undefined;
      do {
        const { StreamDescription } = await client.send(
          new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
          { abortSignal },
        );
        for (const shard of StreamDescription?.Shards ?? []) {
          if (shard.ShardId === undefined) continue;
          shards.push({
            shardId: shard.ShardId,
            parentShardId: shard.ParentShardId,
            startingSequenceNumber: shard.SequenceNumberRange?.StartingSequenceNumber,
            endingSequenceNumber: shard.SequenceNumberRange?.EndingSequenceNumber,
          });
        }
        start = StreamDescription?.LastEvaluatedShardId;
      } while (start !== undefined);
      return shards;
    },
    async getShardIterator(shardId, position, abortSignal) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: position.type,
          SequenceNumber:
            position.type === 'AFTER_SEQUENCE_NUMBER' ? position.sequenceNumber : undefined,
        }),
        { abortSignal },
      );
      return ShardIterator;
    },
    async getRecords(iterator, limit, abortSignal) {
      const { Records, NextShardIterator } = await client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }),
        { abortSignal },
      );
      return { records: Records ?? [], nextIterator: NextShardIterator };
    },
    close: () => client.destroy(),
  };
}

/**
 * Reads a DynamoDB table's stream (DynamoDB Local, or any endpoint the client config names)
 * and calls `handler` with Lambda-shaped `DynamoDBStreamEvent`s, as a Lambda event source
 * mapping with `ReportBatchItemFailures` would: one batch at a time per shard, in order,
 * parents before children, retrying from the first failed record. Resolves once the shards
 * are listed (with 'LATEST', records written after that are delivered).
 *
 * @example
 * const poller = await startStreamPoller({
 *   clientConfig: dynamoDbClientConfig(inject('dynamodb')),
 *   tableName: 'records',
 *   handler: async (event) => {
 *     for (const record of event.Records) console.log(record.eventName, record.dynamodb?.Keys);
 *   },
 * });
 * // ... write to the table ...
 * await poller.waitForIdle(); // every change so far has been handled
 * await poller.stop();
 */
