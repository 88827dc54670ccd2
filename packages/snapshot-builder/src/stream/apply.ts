import { toSnapshotRecord } from '@symval/records';
import { SnapshotBuilderError } from '../errors.js';
import { type BuilderEntry, type BuilderState, entryKey, sortedEntries } from '../state/state.js';
import { decodeStreamChange } from './decode.js';
import { isNewer } from './newer.js';
import type {
  ApplyStreamBatchOptions,
  ApplyStreamBatchResult,
  DecodeFailure,
  StreamRecordInput,
} from './types.js';

/** DynamoDB keeps stream records 24 hours; an hour more covers clock rounding. */
export const DEFAULT_TOMBSTONE_RETENTION_MS = 25 * 60 * 60 * 1000;
const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Applies a batch of DynamoDB stream records of the DomainRecord table to a state. Pure: the
 * input state is not changed, and the same records applied twice give the same state.
 *
 * INSERT and MODIFY set the item from its new image; REMOVE deletes it and leaves a tombstone
 * (kept `tombstoneRetentionMs`, so a late duplicate cannot resurrect it). Each item remembers
 * the sequence number last applied, and anything not newer is skipped: duplicates, replays
 * and retried batches change nothing. A record that cannot be decoded is reported in
 * `failures` and skipped; the records after it still apply.
 *
 * @example
 * const { state: next, applied, skipped, failures } = applyStreamBatch(state, event.Records);
 * for (const f of failures) logger.error('skipped a stream record', { sequenceNumber: f.sequenceNumber, error: f.error.message });
 */
export function applyStreamBatch(
  state: BuilderState,
  records: readonly StreamRecordInput[],
  options: ApplyStreamBatchOptions = {},
): ApplyStreamBatchResult<BuilderState> {
  const retention = options.tombstoneRetentionMs ?? DEFAULT_TOMBSTONE_RETENTION_MS;
  if (!Number.isFinite(retention) || retention < STREAM_RETENTION_MS) {
    throw new SnapshotBuilderError(
      'options.invalid',
      `tombstoneRetentionMs must be at least the stream's 24 hours (${STREAM_RETENTION_MS}), received ${retention}`,
    );
  }
  // Changes are collected over the old entries and the new map is built once at the end.
  const base = sortedEntries(state.entries);
  const changes = new Map<string, BuilderEntry>();
  const read = (key: string) => changes.get(key) ?? base.get(key);
  const write = (key: string, entry: BuilderEntry) => {
    changes.set(key, entry);
  };
  let clock = state.clock;
  let applied = 0;
  let skipped = 0;
  const failures: DecodeFailure[] = [];

  records.forEach((record, index) => {
    const decoded = decodeStreamChange(record, index);
    if ('failure' in decoded) {
      failures.push(decoded.failure);
      return;
    }
    const change = decoded.change;
    const { seq, time } = change;
    if (time !== undefined && time > clock) clock = time;
    const key = entryKey(change.groupId, change.hostname);
    const current = read(key);
    if (change.kind === 'remove') {
      if (!isNewer(current, seq, 'remove', change.oldItem?.rev)) {
        skipped++;
        return;
      }
      write(key, { seq, record: undefined, removedAt: time ?? clock });
    } else {
      const item = change.newItem!;
      if (!isNewer(current, seq, 'write', item.rev)) {
        skipped++;
        return;
      }
      write(key, { seq, record: toSnapshotRecord(item) });
    }
    applied++;
  });

  const horizon = clock - retention;
  const expired = (entry: BuilderEntry) =>
    !entry.record && entry.removedAt !== undefined && entry.removedAt < horizon;
  let expiredTombstones = 0;
  const values = base.valueList;
  for (let i = 0; i < values.length; i++) {
    const entry = values[i]!;
    if (!entry.record && expired(entry) && !changes.has(base.keyList[i]!)) expiredTombstones++;
  }
  const entries =
    changes.size > 0 || expiredTombstones > 0
      ? base.with(changes, expiredTombstones > 0 ? expired : undefined)
      : undefined;
  const changed = entries !== undefined || clock !== state.clock;
  return {
    state: changed
      ? { entries: entries ?? state.entries, clock, publishedHash: state.publishedHash }
      : state,
    applied,
    skipped,
    failures,
    expiredTombstones,
  };
}
