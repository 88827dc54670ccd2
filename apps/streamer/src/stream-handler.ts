import type { S3Client } from '@aws-sdk/client-s3';
import type { DomainRecord, RecordsClient } from '@symval/records';
import {
  createS3Store,
  createShardedBuilder,
  type MissingStatePlan,
  objectExists,
  type ShardedBatchResult,
  type ShardedBuilder,
  SnapshotBuilderError,
  type StreamRecordInput,
} from '@symval/snapshot-builder';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

/** Where the handler writes its JSON logs; Powertools' `Logger` fits. */
export interface StreamerLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
  addContext?(context: Context): void;
}

/** Where the streamer publishes, as keys of one bucket (docs/configuration.md). */
export interface StreamerLocation {
  readonly bucket: string;
  /** The whole file, `records/domains.json`. */
  readonly key: string;
  /** The whole-file builder's state, migrated into `statePrefix` once. */
  readonly stateKey: string;
  /** The sharded layout's index, `records/v1/index.json`. */
  readonly indexKey: string;
  /** The sharded builder's private folder, `state/v2/`. */
  readonly statePrefix: string;
}

/** What the handler works with. */
export interface StreamHandlerDependencies {
  readonly s3: S3Client;
  readonly location: StreamerLocation;
  /** The table, to rebuild a missing state from a full scan; without it a missing state starts empty. */
  readonly records?: RecordsClient;
  readonly logger: StreamerLogger;
  /** Parallel scan segments of a rebuild. Default 4. */
  readonly rebuildSegments?: number;
  /** Attempts of one batch when another writer saved the state in between. Default 3. */
  readonly conflictAttempts?: number;
  /** Up to this size the whole file is published with every batch; default 4 MiB. */
  readonly wholeFileThresholdBytes?: number;
  /** Above the threshold, the least time between two publishes of the whole file; default 5 minutes. */
  readonly wholeFileIntervalMs?: number;
  /** The wall clock (epoch ms) the builder times the whole file's interval with; default `Date.now`. */
  readonly now?: () => number;
}

/** A DynamoDB stream handler answering with partial batch failures. */
export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context?: Context,
) => Promise<DynamoDBBatchResponse>;

interface BatchOutcome {
  result: ShardedBatchResult;
  attempts: number;
}

/** What a missing state becomes: a rebuild from the table, or empty when there is no snapshot yet. */
async function missingStatePlan(deps: StreamHandlerDependencies): Promise<MissingStatePlan> {
  const { s3, location, records, logger } = deps;
  if (records) {
    const started = Date.now();
    let items = 0;
    const scan = records.asSystem('snapshot-rebuild').listAll({
      segments: deps.rebuildSegments ?? 4,
    });
    async function* counted(): AsyncIterable<DomainRecord> {
      for await (const record of scan) {
        items++;
        yield record;
      }
      logger.warn('builder state missing: rebuilt from a full scan of the table', {
        items,
        durationMs: Date.now() - started,
      });
    }
    return { kind: 'rebuild', records: counted() };
  }
  // Starting empty would replace an existing snapshot with only this batch's changes.
  if (await objectExists(s3, location.bucket, location.key)) {
    throw new SnapshotBuilderError(
      'state.invalid',
      `the builder state ${location.statePrefix} is missing but ${location.key} exists, and no table is configured to rebuild from: set DOMAIN_TABLE_NAME (or link DomainTable)`,
    );
  }
  logger.warn('builder state missing and no snapshot yet: starting empty', { key: location.key });
  return { kind: 'empty' };
}

async function processBatch(
  deps: StreamHandlerDependencies,
  builder: ShardedBuilder,
  records: readonly StreamRecordInput[],
): Promise<BatchOutcome> {
  const attempts = deps.conflictAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await builder.applyBatch(records, {
        onMissingState: () => missingStatePlan(deps),
      });
      return { result, attempts: attempt };
    } catch (error) {
      const conflict = error instanceof SnapshotBuilderError && error.code === 'publish.conflict';
      if (!conflict || attempt >= attempts) throw error;
      deps.logger.warn('another writer saved the builder state; applying the batch again', {
        attempt,
      });
    }
  }
}

/**
 * The partial batch response for a failure at `index`: that record and every later one, so
 * Lambda redelivers them in order. Undefined when one of them has no sequence number to name
 * (the caller then fails the whole batch by throwing).
 */
export function failuresFrom(
  records: DynamoDBStreamEvent['Records'],
  index: number,
): DynamoDBBatchResponse | undefined {
  const failed = records.slice(index).map((r) => r.dynamodb?.SequenceNumber);
  if (failed.some((id) => !id)) return undefined;
  return { batchItemFailures: failed.map((id) => ({ itemIdentifier: id! })) };
}

/**
 * The sharded builder of a location. One per container, shared by the stream handler and the
 * flush handler (src/flush-handler.ts), so both use the same caches.
 */
export function createStreamerBuilder(deps: StreamHandlerDependencies): ShardedBuilder {
  const { location } = deps;
  return createShardedBuilder({
    store: createS3Store(deps.s3, location.bucket),
    indexKey: location.indexKey,
    statePrefix: location.statePrefix,
    wholeKey: location.key,
    legacyStateKey: location.stateKey,
    ...(deps.wholeFileThresholdBytes !== undefined
      ? { wholeFileThresholdBytes: deps.wholeFileThresholdBytes }
      : {}),
    ...(deps.wholeFileIntervalMs !== undefined
      ? { wholeFileIntervalMs: deps.wholeFileIntervalMs }
      : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
}

/**
 * Makes the Lambda handler around one sharded builder (kept for the container's life, so its
 * caches of the index, recent shards and the whole file's fragments carry over between
 * batches): the whole-file builder's state is migrated once, a missing state is rebuilt from
 * the table (or started empty when there is no snapshot yet), then each batch publishes the
 * shards it changed, the index and, when due, the whole file. Records that cannot be decoded
 * are logged and skipped. Any S3 or DynamoDB failure leaves nothing committed, so every
 * record from the first one is reported as failed and Lambda delivers them again, in order.
 *
 * @example
 * const handle = createStreamHandler({ s3, location: { bucket, key, stateKey, indexKey, statePrefix }, records, logger });
 * const response = await handle(event); // { batchItemFailures: [] }
 */
export function createStreamHandler(
  deps: StreamHandlerDependencies,
  builder: ShardedBuilder = createStreamerBuilder(deps),
): StreamHandler {
  return async (event, context) => {
    const records = event?.Records ?? [];
    if (context) deps.logger.addContext?.(context);
    if (records.length === 0) return { batchItemFailures: [] };
    const started = Date.now();
    try {
      const { result, attempts } = await processBatch(deps, builder, records);
      for (const failure of result.failures) {
        deps.logger.error('skipped a stream record that cannot be decoded', {
          index: failure.index,
          sequenceNumber: failure.sequenceNumber,
          eventId: failure.eventId,
          error: failure.error.message,
        });
      }
      deps.logger.info('stream batch applied', {
        records: records.length,
        applied: result.applied,
        skipped: result.skipped,
        undecodable: result.failures.length,
        expiredTombstones: result.expiredTombstones,
        published: result.wholeFile.published,
        wholeFileDirty: result.wholeFile.dirty,
        stateSaved: result.committed,
        items: result.totals.records,
        owners: result.totals.owners,
        generation: result.generation,
        shardsWritten: result.shardsWritten,
        nodesWritten: result.nodesWritten,
        garbageDeleted: result.garbageDeleted,
        bytes: result.wholeFile.bytes,
        stateSource: result.stateSource,
        attempts,
        durationMs: Date.now() - started,
      });
      return { batchItemFailures: [] };
    } catch (error) {
      const response = failuresFrom(records, 0);
      deps.logger.error('stream batch failed; every record is reported for redelivery', {
        records: records.length,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        durationMs: Date.now() - started,
      });
      if (!response) throw error;
      return response;
    }
  };
}
