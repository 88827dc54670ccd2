import { reattestationViewer } from '@symval/records';
import { withAwsErrors } from '../aws/errors.js';
import type { Env } from '../cli/io.js';
import type { ProgressReporter } from '../progress/index.js';
import { connectRecordsTable } from './connection.js';
import { mapWithConcurrency } from './pool.js';
import type { ReattestAction } from './reattest-rule.js';
import type { StoredRecord } from './stored-record.js';

/** What happened (or, in a dry run, would happen) to one record. */
export type RecordOutcome =
  | 'would-update'
  | 'would-delete'
  | 'updated'
  | 'deleted'
  /** The stored Rev is no longer the one read: someone wrote the record since. Left alone. */
  | 'conflict'
  /** The record was gone by the time of the write. */
  | 'missing'
  /** The source had no Rev for it (a snapshot in the Go format): no conditional write possible. */
  | 'no-rev'
  /** The group is kept as it is. */
  | 'kept';

/** One record write to make: refresh ValidateTime to `time`, or delete. */
export interface RecordWrite {
  record: StoredRecord;
  action: Exclude<ReattestAction, 'keep'>;
  /** The new ValidateTime, for an update. */
  time?: Date;
}

/** Counts of record outcomes. */
export type OutcomeCounts = Record<RecordOutcome, number>;

/** Zero of every outcome. */
export function emptyCounts(): OutcomeCounts {
  return {
    'would-update': 0,
    'would-delete': 0,
    updated: 0,
    deleted: 0,
    conflict: 0,
    missing: 0,
    'no-rev': 0,
    kept: 0,
  };
}

/** Options of {@link applyRecordWrites}. */
export interface ApplyWritesOptions {
  tableName: string;
  env: Env;
  concurrency: number;
  progress: ProgressReporter;
}

/**
 * Makes the writes through the re-attestation viewer, each conditional on the Rev read from
 * the source (`setValidationIfUnchanged`, `deleteIfUnchanged`): a record changed or deleted
 * since is left alone and reported as `conflict` or `missing`. Results are in input order.
 */
export async function applyRecordWrites(
  writes: readonly RecordWrite[],
  options: ApplyWritesOptions,
): Promise<RecordOutcome[]> {
  const table = connectRecordsTable(options.tableName, options.env);
  const writer = table.records.as(reattestationViewer());
  try {
    return await mapWithConcurrency(writes, options.concurrency, async (write) => {
      const { record } = write;
      if (record.rev === undefined) {
        options.progress.increment();
        return 'no-rev';
      }
      const key = { groupId: record.groupId, hostname: record.hostname };
      const rev = record.rev;
      const result = await withAwsErrors<{ status: string }>(table.target, () =>
        write.action === 'update'
          ? writer.setValidationIfUnchanged(key, rev, write.time ?? new Date())
          : writer.deleteIfUnchanged(key, rev),
      );
      options.progress.increment();
      if (result.status === 'conflict' || result.status === 'missing') return result.status;
      return write.action === 'update' ? 'updated' : 'deleted';
    });
  } finally {
    table.close();
  }
}
