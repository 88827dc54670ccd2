import { domainRecords, toSnapshotRecord } from '@symval/records';
import { SnapshotBuilderError } from '../errors.js';
import { type BuilderEntry, type BuilderState, entryKey, sortedEntries } from '../state/state.js';
import { compareSequenceNumbers, isSequenceNumber } from './sequence-number.js';
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
 * Whether a change is newer than what the state holds for its item. With a sequence number
 * on record, only a greater one is newer (streams deliver an item's changes in order, at
 * least once). An entry from a rebuild has none yet: within one life of an item `Rev` only
 * grows, so a write is newer when its Rev is greater, and a removal when it removes this Rev
 * or a later one. A wrong guess there is repaired by the item's later stream records, which
 * always follow in order.
 */
function isNewer(
  current: BuilderEntry | undefined,
  seq: string,
  kind: 'write' | 'remove',
  rev: number | undefined,
): boolean {
  if (!current) return true;
  if (current.seq !== undefined) return compareSequenceNumbers(seq, current.seq) > 0;
  const storedRev = current.record?.Rev ?? 0;
  if (kind === 'write') return rev !== undefined && rev > storedRev;
  return rev === undefined || rev >= storedRev;
}

function failure(index: number, record: StreamRecordInput, error: unknown): DecodeFailure {
  return {
    index,
    sequenceNumber: record?.dynamodb?.SequenceNumber,
    eventId: record?.eventID,
    error: error instanceof Error ? error : new Error(String(error)),
  };
}

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
    let change: ReturnType<typeof domainRecords.decodeStreamRecord>;
    try {
      change = domainRecords.decodeStreamRecord(record);
    } catch (error) {
      failures.push(failure(index, record, error));
      return;
    }
    const seq = change.sequenceNumber;
    if (!isSequenceNumber(seq)) {
      failures.push(
        failure(
          index,
          record,
          new Error(
            `dynamodb.SequenceNumber must be decimal digits, received ${JSON.stringify(seq)}`,
          ),
        ),
      );
      return;
    }
    if (change.eventName !== 'REMOVE' && !change.newItem) {
      failures.push(
        failure(
          index,
          record,
          new Error(`${change.eventName} without NewImage: the stream must carry new images`),
        ),
      );
      return;
    }
    const time = change.approximateCreationTime?.getTime();
    if (time !== undefined && Number.isFinite(time) && time > clock) clock = time;
    const key = entryKey(change.key.groupId, change.key.hostname);
    const current = read(key);
    if (change.eventName === 'REMOVE') {
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
