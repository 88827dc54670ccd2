import type { S3Client } from '@aws-sdk/client-s3';
import type { RecordsClient } from '@symval/records';
import {
  type ApplyStreamBatchResult,
  applyStreamBatch,
  type BuilderState,
  countEntries,
  emptyState,
  type LoadedState,
  loadState,
  objectExists,
  type PublishSnapshotResult,
  publishSnapshot,
  rebuildFromTable,
  SnapshotBuilderError,
  type SnapshotLocation,
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

/** What the handler works with. */
export interface StreamHandlerDependencies {
  readonly s3: S3Client;
  readonly location: SnapshotLocation;
  /** The table, to rebuild a missing state from a full scan; without it a missing state starts empty. */
  readonly records?: RecordsClient;
  readonly logger: StreamerLogger;
  /** Parallel scan segments of a rebuild. Default 4. */
  readonly rebuildSegments?: number;
  /** Attempts of one batch when another writer saved the state in between. Default 3. */
  readonly conflictAttempts?: number;
}

/** A DynamoDB stream handler answering with partial batch failures. */
export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context?: Context,
) => Promise<DynamoDBBatchResponse>;

interface BatchOutcome {
  apply: ApplyStreamBatchResult<BuilderState>;
  publish: PublishSnapshotResult;
  source: 'stored' | 'rebuilt' | 'empty';
  attempts: number;
}

async function startingState(
  deps: StreamHandlerDependencies,
  loaded: LoadedState,
): Promise<{ state: BuilderState; source: BatchOutcome['source'] }> {
  if (loaded.state) return { state: loaded.state, source: 'stored' };
  const { s3, location, records, logger } = deps;
  if (records) {
    const started = Date.now();
    const state = await rebuildFromTable(
      records.asSystem('snapshot-rebuild').listAll({ segments: deps.rebuildSegments ?? 4 }),
    );
    logger.warn('builder state missing: rebuilt from a full scan of the table', {
      items: state.entries.size,
      durationMs: Date.now() - started,
    });
    return { state, source: 'rebuilt' };
  }
  // Starting empty would replace an existing snapshot with only this batch's changes.
  if (await objectExists(s3, location.bucket, location.key)) {
    throw new SnapshotBuilderError(
      'state.invalid',
      `the builder state ${location.stateKey} is missing but ${location.key} exists, and no table is configured to rebuild from: set DOMAIN_TABLE_NAME (or link DomainTable)`,
    );
  }
  logger.warn('builder state missing and no snapshot yet: starting empty', { key: location.key });
  return { state: emptyState(), source: 'empty' };
}

async function processBatch(
  deps: StreamHandlerDependencies,
  records: readonly StreamRecordInput[],
): Promise<BatchOutcome> {
  const attempts = deps.conflictAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadState(deps.s3, deps.location);
    const { state, source } = await startingState(deps, loaded);
    const apply = applyStreamBatch(state, records);
    try {
      const publish = await publishSnapshot(deps.s3, {
        ...deps.location,
        state: apply.state,
        loaded,
      });
      return { apply, publish, source, attempts: attempt };
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
 * Makes the Lambda handler: load the state (a missing one is rebuilt from the table, or
 * started empty when there is no snapshot yet), apply the batch, publish once, save the
 * state. Records that cannot be decoded are logged and skipped. Any S3 or DynamoDB failure
 * leaves nothing committed, so every record from the first one is reported as failed and
 * Lambda delivers them again, in order.
 *
 * @example
 * const handle = createStreamHandler({ s3, location: { bucket, key, stateKey }, records, logger });
 * const response = await handle(event); // { batchItemFailures: [] }
 */
export function createStreamHandler(deps: StreamHandlerDependencies): StreamHandler {
  return async (event, context) => {
    const records = event?.Records ?? [];
    if (context) deps.logger.addContext?.(context);
    if (records.length === 0) return { batchItemFailures: [] };
    const started = Date.now();
    try {
      const { apply, publish, source, attempts } = await processBatch(deps, records);
      for (const failure of apply.failures) {
        deps.logger.error('skipped a stream record that cannot be decoded', {
          index: failure.index,
          sequenceNumber: failure.sequenceNumber,
          eventId: failure.eventId,
          error: failure.error.message,
        });
      }
      const { records: items, tombstones } = countEntries(publish.state);
      deps.logger.info('stream batch applied', {
        records: records.length,
        applied: apply.applied,
        skipped: apply.skipped,
        undecodable: apply.failures.length,
        expiredTombstones: apply.expiredTombstones,
        published: publish.published,
        stateSaved: publish.stateSaved,
        items,
        tombstones,
        bytes: publish.bytes,
        stateSource: source,
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
