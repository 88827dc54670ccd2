import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { connectRecords } from '@symval/records';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamoDbClientOptions, s3ClientOptions } from './clients.js';
import { readStreamerConfig } from './config.js';
import { createStreamHandler, type StreamHandler } from './stream-handler.js';

let ready: Promise<StreamHandler> | undefined;

async function build(): Promise<StreamHandler> {
  const config = await readStreamerConfig();
  const logger = new Logger({
    serviceName: config.serviceName,
    logLevel: config.logLevel as LogLevel,
  });
  const s3 = new S3Client(s3ClientOptions(config));
  const records = config.tableName
    ? connectRecords(new DynamoDBClient(dynamoDbClientOptions()), { tableName: config.tableName })
    : undefined;
  return createStreamHandler({
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
  });
}

/**
 * The Lambda entry (docs/configuration.md): DynamoDB stream events of the DomainRecord
 * table in, partial batch failures out. Clients and configuration are made once per
 * container, on the first event; a configuration error fails that event and is tried again.
 */
export async function handler(
  event: DynamoDBStreamEvent,
  context?: Context,
): Promise<DynamoDBBatchResponse> {
  ready ??= build().catch((error) => {
    ready = undefined;
    throw error;
  });
  return (await ready)(event, context);
}
