import type { StoredRecord } from './stored-record.js';

/**
 * What re-attestation does to a group's records: `refresh` sets ValidateTime, `delete` removes
 * them, `keep` writes nothing. The same words as `kind` of `@symval/attestation`'s decision.
 */
export type GroupActionKind = 'refresh' | 'delete' | 'keep';

/** What happened to one record (or, for `would-*`, would happen in a dry run). */
export type RecordOutcome =
  | { readonly status: 'updated' }
  | { readonly status: 'deleted' }
  /** The stored Rev is no longer the one read: someone wrote the record since. Left alone. */
  | { readonly status: 'conflict'; readonly currentRev: number }
  /** The record was gone by the time of the write. */
  | { readonly status: 'missing' }
  /** The record came without a Rev (`rev` undefined, made by hand): no conditional write is made. */
  | { readonly status: 'no-rev' }
  /** The group is kept as it is. */
  | { readonly status: 'kept' }
  | { readonly status: 'would-update' }
  | { readonly status: 'would-delete' }
  /** The write threw (DynamoDB or the network); nothing is known to have changed. */
  | { readonly status: 'error'; readonly error: unknown };

/** The `status` of a {@link RecordOutcome}. */
export type RecordOutcomeStatus = RecordOutcome['status'];

const KEPT: RecordOutcome = Object.freeze({ status: 'kept' });
const NO_REV: RecordOutcome = Object.freeze({ status: 'no-rev' });
const WOULD_UPDATE: RecordOutcome = Object.freeze({ status: 'would-update' });
const WOULD_DELETE: RecordOutcome = Object.freeze({ status: 'would-delete' });

/** The outcome of a record that gets no write: kept, or read without a Rev. */
export function outcomeWithoutWrite(
  record: Pick<StoredRecord, 'rev'>,
  kind: GroupActionKind,
): RecordOutcome | undefined {
  if (kind === 'keep') return KEPT;
  if (record.rev === undefined) return NO_REV;
  return undefined;
}

/**
 * What {@link ReattestWriter.applyGroup} would do to each record, without writing: a dry run.
 * One outcome per record, in record order.
 *
 * @example
 * previewGroupWrites(group, 'delete'); // [{ status: 'would-delete' }, { status: 'no-rev' }]
 */
export function previewGroupWrites(
  group: { readonly records: readonly Pick<StoredRecord, 'rev'>[] },
  kind: GroupActionKind,
): RecordOutcome[] {
  return group.records.map(
    (record) =>
      outcomeWithoutWrite(record, kind) ?? (kind === 'refresh' ? WOULD_UPDATE : WOULD_DELETE),
  );
}
