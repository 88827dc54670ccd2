/**
 * The Lambda entry (docs/configuration.md): an invocation starts one run. On AWS the daily
 * EventBridge Scheduler schedule (infra's CronV2) sends {@link ScheduleEvent}; `pnpm dev`
 * sends an EventBridge scheduled event; both only name the run in the logs.
 * Clients and settings are made once per instance, on the first call, so a bad setting fails
 * that call with a message saying which.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { connectRecords } from '@symval/records';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { readReattestBatchConfig } from './config/config.js';
import { createPowertoolsLogger, toBatchLogger } from './observability/logger.js';
import {
  type ReattestBatchOptions,
  type ReattestSummary,
  runReattestBatch,
} from './run/run-batch.js';

/** What infra's schedule sends: Scheduler fills in the run's ID and the time it was due. */
export interface ScheduleEvent {
  source?: string;
  executionId?: string;
  scheduledTime?: string;
}

const logger = createPowertoolsLogger();
let prepared: Omit<ReattestBatchOptions, 'remainingTimeMs'> | undefined;

function prepare(): Omit<ReattestBatchOptions, 'remainingTimeMs'> {
  const config = readReattestBatchConfig();
  return {
    // A local endpoint (s3rver) has no bucket subdomains: address buckets by path there.
    s3: new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
    source: {
      bucket: config.bucket,
      key: config.snapshotKey,
      stateKey: config.stateKey,
      indexKey: config.layoutIndexKey,
    },
    records: connectRecords(new DynamoDBClient({}), { tableName: config.tableName }),
    // Every group has at most two hostnames: room for all of them to be looked up at once.
    resolver: createDnsClaimResolver({
      ...(config.dnsServers ? { servers: config.dnsServers } : {}),
      concurrency: Math.min(1024, config.concurrency * 2),
    }),
    concurrency: config.concurrency,
    graceHours: config.graceHours,
    logger: toBatchLogger(logger),
  };
}

/**
 * The scheduled handler: runs the batch, logs and returns its summary
 * `{ groups, valid, invalid, indeterminate, updated, deleted, skipped, errors, durationMs, … }`.
 */
export async function handler(
  event: ScheduleEvent | ScheduledEvent,
  context: Context,
): Promise<ReattestSummary> {
  logger.addContext(context);
  const scheduled = 'detail-type' in event;
  logger.info('re-attestation started', {
    eventId: scheduled ? event.id : event.executionId,
    scheduledTime: scheduled ? event.time : event.scheduledTime,
  });
  prepared ??= prepare();
  const summary = await runReattestBatch({
    ...prepared,
    remainingTimeMs: () => context.getRemainingTimeInMillis(),
  });
  logger.info('re-attestation finished', { ...summary });
  return summary;
}
