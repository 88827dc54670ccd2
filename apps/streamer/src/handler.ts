import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { connectRecords } from '@symval/records';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamoDbClientOptions, s3ClientOptions } from './clients.js';
import { readStreamerConfig } from './config.js';
import {
  createFlushHandler,
  type FlushEvent,
  type FlushHandler,
  type FlushResult,
  isFlushEvent,
} from './flush-handler.js';
import {
  createStreamerBuilder,
  createStreamHandler,
  type StreamHandler,
  type StreamHandlerDependencies,
} from './stream-handler.js';

interface Handlers {
  stream: StreamHandler;
  flush: FlushHandler;
}

let ready: Promise<Handlers> | undefined;

async function build(): Promise<Handlers> {
  const config = await readStreamerConfig();
  const logger = new Logger({
    serviceName: config.serviceName,
    logLevel: config.logLevel as LogLevel,
  });
  const s3 = new S3Client(s3ClientOptions(config));
  const records = config.tableName
    ? connectRecords(new DynamoDBClient(dynamoDbClientOptions()), { tableName: config.tableName })
    : undefined;
  const deps: StreamHandlerDependencies = {
    s3,
    location: {
      bucket: config.bucket,
      key: config.key,
      stateKey: config.stateKey,
      indexKey: config.indexKey,
      statePrefix: config.statePrefix,
    },
    wholeFileThresholdBytes: config.wholeFileThresholdBytes,
    wholeFileIntervalMs: config.wholeFileIntervalMs,
    logger,
    ...(records ? { records } : {}),
  };
  // One builder for both, so a flush reuses the whole file's entries the batches keep.
  const builder = createStreamerBuilder(deps);
  return {
    stream: createStreamHandler(deps, builder),
    flush: createFlushHandler(deps, builder),
  };
}

/**
 * The Lambda entry (docs/configuration.md): DynamoDB stream events of the DomainRecord
 * table in, partial batch failures out; and the flush schedule's event
 * (`{ source: 'symval.snapshot-flush' }`), which publishes a throttled whole file once it is
 * due. Both run in this one function, whose reserved concurrency of one keeps the snapshot's
 * writer single. Clients and configuration are made once per container, on the first event;
 * a configuration error fails that event and is tried again.
 */
export async function handler(event: FlushEvent, context?: Context): Promise<FlushResult>;
export async function handler(
  event: DynamoDBStreamEvent,
  context?: Context,
): Promise<DynamoDBBatchResponse>;
export async function handler(
  event: DynamoDBStreamEvent | FlushEvent,
  context?: Context,
): Promise<DynamoDBBatchResponse | FlushResult> {
  ready ??= build().catch((error) => {
    ready = undefined;
    throw error;
  });
  const handlers = await ready;
  return isFlushEvent(event)
    ? handlers.flush(event, context)
    : handlers.stream(event as DynamoDBStreamEvent, context);
}
