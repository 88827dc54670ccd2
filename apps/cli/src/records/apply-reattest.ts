import {
  createReattestWriter,
  type GroupActionKind,
  previewGroupWrites,
  type RecordOutcomeStatus,
  reattestationViewer,
  type StoredGroup,
} from '@symval/records';
import { explainAwsError } from '../aws/errors.js';
import type { Env } from '../cli/io.js';
import type { ProgressReporter } from '../progress/index.js';
import { connectRecordsTable } from './connection.js';

/**
 * What happened (or, in a dry run, would happen) to one record, as printed and in `--json`:
 * the statuses of `@symval/records`' outcomes. A failed write is not one: the command fails.
 */
export type RecordOutcome = Exclude<RecordOutcomeStatus, 'error'>;

/** One group's decision to apply: refresh its records' ValidateTime to `time`, delete, or keep. */
export interface GroupWrite {
  group: StoredGroup;
  kind: GroupActionKind;
  /** The ValidateTime a refresh writes. */
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

/** How many records {@link applyGroupWrites} will write (or find without a Rev). */
export function countWrites(writes: readonly GroupWrite[]): number {
  return writes.reduce((sum, w) => sum + (w.kind === 'keep' ? 0 : w.group.records.length), 0);
}

/** What {@link applyGroupWrites} would do, per group and record, without writing. */
export function previewGroupOutcomes(writes: readonly GroupWrite[]): RecordOutcome[][] {
  return writes.map(({ group, kind }) =>
    previewGroupWrites(group, kind).map((outcome) => outcome.status as RecordOutcome),
  );
}

/** Options of {@link applyGroupWrites}. */
export interface ApplyWritesOptions {
  tableName: string;
  env: Env;
  concurrency: number;
  /** Advanced once per record written (or found without a Rev). */
  progress: ProgressReporter;
}

/**
 * Makes the writes through the re-attestation viewer with `createReattestWriter` from
 * `@symval/records`, each conditional on the Rev read from the source: a record changed or
 * deleted since is left alone and reported as `conflict` or `missing`. Outcomes per group and
 * record, in input order. The first write that fails stops the others (none more is sent) and
 * is thrown, explained, once the writes in flight have ended.
 */
export async function applyGroupWrites(
  writes: readonly GroupWrite[],
  options: ApplyWritesOptions,
): Promise<RecordOutcome[][]> {
  const table = connectRecordsTable(options.tableName, options.env);
  try {
    const writer = createReattestWriter(table.records.as(reattestationViewer()), {
      concurrency: options.concurrency,
      stopOnError: true,
      onWrite: () => options.progress.increment(),
    });
    const outcomes = await Promise.all(
      writes.map(({ group, kind, time }) => writer.applyGroup(group, kind, time)),
    );
    const failed = outcomes.flat().find((outcome) => outcome.status === 'error');
    if (failed) throw explainAwsError(failed.error, table.target);
    return outcomes.map((list) => list.map((outcome) => outcome.status as RecordOutcome));
  } finally {
    table.close();
  }
}
