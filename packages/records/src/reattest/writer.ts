import pLimit from 'p-limit';
import { describeValue, RecordsError } from '../errors.js';
import type { RecordOperations } from '../operations/record-operations.js';
import { type GroupActionKind, outcomeWithoutWrite, type RecordOutcome } from './outcomes.js';
import type { StoredRecord } from './stored-record.js';

/** The two conditional writes re-attestation makes: `records.as(reattestationViewer())`. */
export type ReattestWriteTarget = Pick<
  RecordOperations,
  'setValidationIfUnchanged' | 'deleteIfUnchanged'
>;

/** Options of {@link createReattestWriter}. */
export interface ReattestWriterOptions<R extends StoredRecord = StoredRecord> {
  /** Writes in flight at once, over every group applied through this writer (1 to 1024). */
  concurrency: number;
  /**
   * After the first write that throws, send no more: the records not yet written report that
   * same error. For a caller that gives up on the first failure (a table that is not there
   * should not cost one failing request per record). Default `false`: every write is tried.
   */
  stopOnError?: boolean;
  /** Called after each record's write (or the decision not to write it), in completion order. */
  onWrite?: (record: R, kind: Exclude<GroupActionKind, 'keep'>, outcome: RecordOutcome) => void;
}

/** Applies re-attestation decisions to stored groups; see {@link createReattestWriter}. */
export interface ReattestWriter<R extends StoredRecord = StoredRecord> {
  /**
   * Applies `kind` to every record of the group, each write conditional on the Rev the record
   * was read with: `refresh` sets ValidateTime to `time` (default: the current time) with
   * `setValidationIfUnchanged`, `delete` removes it with `deleteIfUnchanged`, `keep` writes
   * nothing. Resolves with one outcome per record, in record order, once its writes have ended;
   * a failed write is an `error` outcome, not a rejection.
   */
  applyGroup(
    group: { readonly records: readonly R[] },
    kind: GroupActionKind,
    time?: Date,
  ): Promise<RecordOutcome[]>;
}

async function writeRecord(
  target: ReattestWriteTarget,
  record: StoredRecord,
  rev: number,
  kind: Exclude<GroupActionKind, 'keep'>,
  time: Date,
): Promise<RecordOutcome> {
  const key = { groupId: record.groupId, hostname: record.hostname };
  try {
    const result =
      kind === 'refresh'
        ? await target.setValidationIfUnchanged(key, rev, time)
        : await target.deleteIfUnchanged(key, rev);
    if (result.status === 'conflict') return { status: 'conflict', currentRev: result.currentRev };
    return { status: result.status };
  } catch (error) {
    return { status: 'error', error };
  }
}

/**
 * The one place re-attestation writes: the Rev-conditional writes of the daily batch and of
 * `symval reattest` / `symval revalidate --drop`. A record changed or deleted since it was read
 * is left alone (`conflict`, `missing`); one read without a Rev is never written (`no-rev`).
 * Groups may be applied while others are still being attested: one bound covers them all.
 *
 * @throws RecordsError `input.invalid` for a `concurrency` outside 1 to 1024.
 * @example
 * const writer = createReattestWriter(records.as(reattestationViewer()), { concurrency: 32 });
 * const outcomes = await writer.applyGroup(group, 'refresh', new Date());
 * // [{ status: 'updated' }, { status: 'conflict', currentRev: 4 }]
 */
export function createReattestWriter<R extends StoredRecord = StoredRecord>(
  target: ReattestWriteTarget,
  options: ReattestWriterOptions<R>,
): ReattestWriter<R> {
  const { concurrency, stopOnError = false, onWrite } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new RecordsError(
      'input.invalid',
      `concurrency must be an integer from 1 to 1024, received ${describeValue(concurrency)}`,
      { field: 'concurrency', received: concurrency },
    );
  }
  const limit = pLimit(concurrency);
  let failure: RecordOutcome | undefined;

  const apply = async (
    record: R,
    kind: Exclude<GroupActionKind, 'keep'>,
    time: Date,
  ): Promise<RecordOutcome> => {
    const unwritten = outcomeWithoutWrite(record, kind);
    if (unwritten) {
      onWrite?.(record, kind, unwritten);
      return unwritten;
    }
    return limit(async () => {
      if (stopOnError && failure) return failure;
      const outcome = await writeRecord(target, record, record.rev!, kind, time);
      if (outcome.status === 'error') failure ??= outcome;
      onWrite?.(record, kind, outcome);
      return outcome;
    });
  };

  return {
    applyGroup(group, kind, time = new Date()) {
      if (kind === 'keep') {
        return Promise.resolve(group.records.map((record) => outcomeWithoutWrite(record, kind)!));
      }
      return Promise.all(group.records.map((record) => apply(record, kind, time)));
    },
  };
}
