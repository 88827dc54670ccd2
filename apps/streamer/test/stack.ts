import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { dynamoDbClientConfig, type S3Local, startS3, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import { connectRecords, type RecordsClient, recordsTableInput } from '@symval/records';
import { afterAll, beforeAll, inject } from 'vitest';

/**
 * The parts a streamer test file runs against: the suite's DynamoDB Local and an s3rver with
 * one bucket, started before the file's tests and stopped after them. Tables and snapshot
 * locations are new for each call, named with `prefix`.
 */
export function useStreamerStack(prefix: string) {
  const clientConfig = dynamoDbClientConfig(inject('dynamodb'));
  const dynamo = new DynamoDBClient(clientConfig);
  const bucket = 'site';
  let started: { local: S3Local; s3: S3Client } | undefined;
  let n = 0;
  const s3Parts = () => {
    if (!started) throw new Error('the s3rver of useStreamerStack starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    const local = await startS3({ buckets: [bucket] });
    started = { local, s3: new S3Client(local.clientConfig) };
  });
  afterAll(async () => {
    started?.s3.destroy();
    dynamo.destroy();
    await started?.local.stop();
  });
  return {
    clientConfig,
    dynamo,
    bucket,
    /** A client of the s3rver. */
    get s3(): S3Client {
      return s3Parts().s3;
    },
    /** The s3rver, for clients of the test's own (through a fault proxy, say). */
    get s3local(): S3Local {
      return s3Parts().local;
    },
    /** A new records table with its stream. */
    async newTable(): Promise<{ tableName: string; records: RecordsClient }> {
      const tableName = uniqueName(prefix);
      await dynamo.send(new CreateTableCommand(recordsTableInput({ tableName })));
      return { tableName, records: connectRecords(dynamo, { tableName }) };
    },
    /** Keys of a snapshot no other test of the file writes. */
    location() {
      n++;
      return {
        bucket,
        key: `records/${prefix}-${n}.json`,
        stateKey: `state/${prefix}-state-${n}.json`,
        indexKey: `records/${prefix}-v1-${n}/index.json`,
        statePrefix: `state/${prefix}-v2-${n}/`,
      };
    },
  };
}
