import type { S3Client } from '@aws-sdk/client-s3';
import { type ClaimResolver, reattestStoredGroups } from '@symval/attestation';
import {
  createReattestWriter,
  type RecordOutcome,
  type RecordsClient,
  reattestationViewer,
} from '@symval/records';
import { ReattestBatchError } from '../errors.js';
import type { BatchLogger } from '../observability/logger.js';
import { planBatchGroups } from '../plan/groups.js';
import { type BatchRecord, loadBatchRecords, type SnapshotSource } from '../source/load-records.js';
import { wasCutShort, withDeadline } from './deadline.js';

/** Options of {@link runReattestBatch}. */
export interface ReattestBatchOptions {
  s3: S3Client;
  source: SnapshotSource;
  records: RecordsClient;
  /** `createDnsClaimResolver` in production. */
  resolver: ClaimResolver;
  /** Groups attested at once (`REATTEST_CONCURRENCY`). Default 32. */
  concurrency?: number;
  /** Hours an invalid group is kept (`REATTEST_GRACE_HOURS`). Default 72. */
  graceHours?: number;
  /** The clock: validation times and the grace period. Default: the current time. */
  now?: () => Date;
  /** Milliseconds left before the Lambda time limit (`context.getRemainingTimeInMillis`). */
  remainingTimeMs?: () => number;
  /** No new lookup starts once less than this is left. Default 30,000. */
  safetyMarginMs?: number;
  logger?: BatchLogger;
}

/** What a run did. Group counts are groups; `updated`, `deleted`, `skipped`, `errors` are records. */
export interface ReattestSummary {
  /** Groups found in the snapshot. */
  groups: number;
  valid: number;
  invalid: number;
  indeterminate: number;
  /** Records whose ValidateTime was refreshed. */
  updated: number;
  /** Records deleted after the grace period. */
  deleted: number;
  /** Records not written: their Rev changed since the snapshot, they were gone, or the snapshot had no Rev. */
  skipped: number;
  /** Records whose write failed (DynamoDB errors); they are tried again on the next run. */
  errors: number;
  durationMs: number;
  /** Groups re-attested in this run. */
  reached: number;
  /** Groups left for the next run because time ran out. */
  remaining: number;
  /** Whether every group was reached. */
  complete: boolean;
}

function checkOptions(
  options: ReattestBatchOptions,
): Required<Pick<ReattestBatchOptions, 'concurrency' | 'graceHours' | 'safetyMarginMs'>> {
  const concurrency = options.concurrency ?? 32;
  const graceHours = options.graceHours ?? 72;
  const safetyMarginMs = options.safetyMarginMs ?? 30_000;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new ReattestBatchError(
      'options.invalid',
      `concurrency must be an integer from 1 to 1024, received ${concurrency}`,
    );
  }
  if (!Number.isFinite(graceHours) || graceHours < 0) {
    throw new ReattestBatchError(
      'options.invalid',
      `graceHours must be a number >= 0, received ${graceHours}`,
    );
  }
  if (!Number.isFinite(safetyMarginMs) || safetyMarginMs < 0) {
    throw new ReattestBatchError(
      'options.invalid',
      `safetyMarginMs must be a number >= 0, received ${safetyMarginMs}`,
    );
  }
  return { concurrency, graceHours, safetyMarginMs };
}

const quiet: BatchLogger = { info() {}, warn() {}, error() {} };

/**
 * The daily re-attestation: reads the records from S3 (snapshot and builder state), re-attests
 * every group through `reattestStoredGroups`, oldest-validated first, and writes per record
 * through `createReattestWriter` of `@symval/records`, each write conditional on the Rev seen
 * in S3: valid → `setValidationIfUnchanged`; invalid past the grace period →
 * `deleteIfUnchanged`; anything else → nothing. A Rev conflict is counted as skipped. Near the
 * time limit it stops starting lookups, finishes what is in flight and reports how many groups
 * remain; the next run takes those first.
 *
 * @example
 * const summary = await runReattestBatch({
 *   s3, source: { bucket, key: 'records/domains.json', stateKey: 'state/snapshot-state.json' },
 *   records: connectRecords(dynamo, { tableName }), resolver: createDnsClaimResolver(),
 *   remainingTimeMs: () => context.getRemainingTimeInMillis(),
 * });
 */
export async function runReattestBatch(options: ReattestBatchOptions): Promise<ReattestSummary> {
  const { concurrency, graceHours, safetyMarginMs } = checkOptions(options);
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? quiet;
  const remaining = options.remainingTimeMs ?? (() => Number.POSITIVE_INFINITY);

  const loaded = await loadBatchRecords(options.s3, options.source);
  if (!loaded.foundSnapshot && !loaded.foundState) {
    logger.warn('no snapshot and no builder state: nothing to re-attest', { ...options.source });
  }
  if (loaded.withoutRev > 0) {
    logger.info('snapshot entries without Rev: re-attested as never versioned', {
      records: loaded.withoutRev,
    });
  }
  if (loaded.snapshotError !== undefined) {
    logger.warn('the snapshot could not be read; using the builder state alone', {
      key: options.source.key,
      error: loaded.snapshotError,
    });
  }
  const groups = planBatchGroups(loaded.records);
  const summary: ReattestSummary = {
    groups: groups.length,
    valid: 0,
    invalid: 0,
    indeterminate: 0,
    updated: 0,
    deleted: 0,
    skipped: 0,
    errors: 0,
    durationMs: 0,
    reached: 0,
    remaining: 0,
    complete: true,
  };

  const onWrite = (record: BatchRecord, kind: 'refresh' | 'delete', outcome: RecordOutcome) => {
    const key = { groupId: record.groupId, hostname: record.hostname };
    if (outcome.status === 'updated') summary.updated++;
    else if (outcome.status === 'deleted') summary.deleted++;
    else if (outcome.status === 'error') {
      summary.errors++;
      logger.error('write failed', {
        ...key,
        action: kind,
        error: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
      });
    } else {
      summary.skipped++;
      logger.info('write skipped: the record changed since the snapshot', {
        ...key,
        action: kind,
        snapshotRev: record.rev,
        ...(outcome.status === 'conflict' ? { currentRev: outcome.currentRev } : { gone: true }),
      });
    }
  };
  // Writes start while other groups are still being attested, `concurrency` in flight.
  const writer = createReattestWriter(options.records.as(reattestationViewer()), {
    concurrency,
    onWrite,
  });
  const writing: Promise<unknown>[] = [];

  await reattestStoredGroups(groups, {
    resolver: withDeadline(options.resolver, () => remaining() < safetyMarginMs),
    concurrency,
    now,
    graceMs: graceHours * 3_600_000,
    onProgress: ({ group, result, action, time, storedId }) => {
      if (wasCutShort(result)) {
        summary.remaining++;
        return;
      }
      summary.reached++;
      summary[action.status]++;
      if ('held' in action) {
        // Never deleted here: its claims cannot judge it (see @symval/attestation).
        logger.warn('group kept for an operator: invalid, but not deleted by re-attestation', {
          groupId: group.groupId,
          held: action.held,
          storedId: storedId.origin,
          reasons: result.reasons.map((reason) => reason.code),
        });
      }
      if (action.kind === 'delete') {
        logger.info('deleting group invalid past grace', {
          groupId: group.groupId,
          oldestValidateTime: group.oldestValidateTime.toISOString(),
          reasons: result.reasons.map((reason) => reason.code),
        });
      }
      writing.push(writer.applyGroup(group, action.kind, time));
    },
  });
  await Promise.all(writing);

  summary.complete = summary.remaining === 0;
  summary.durationMs = Math.round(performance.now() - started);
  if (!summary.complete) {
    logger.warn('stopped before the time limit; the next run takes the remaining groups first', {
      reached: summary.reached,
      remaining: summary.remaining,
    });
  }
  return summary;
}
