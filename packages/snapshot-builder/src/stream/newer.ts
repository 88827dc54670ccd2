import { compareSequenceNumbers } from './sequence-number.js';
import type { DecodeFailure, StreamRecordInput } from './types.js';

/**
 * Whether a change is newer than what the state holds for its item. With a sequence number
 * on record, only a greater one is newer (streams deliver an item's changes in order, at
 * least once). An entry from a rebuild has none yet: within one life of an item `Rev` only
 * grows, so a write is newer when its Rev is greater, and a removal when it removes this Rev
 * or a later one. A wrong guess there is repaired by the item's later stream records, which
 * always follow in order.
 */
export function isNewer(
  current:
    | { readonly seq: string | undefined; readonly record?: { readonly Rev: number } | undefined }
    | undefined,
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

export function decodeFailure(
  index: number,
  record: StreamRecordInput,
  error: unknown,
): DecodeFailure {
  return {
    index,
    sequenceNumber: record?.dynamodb?.SequenceNumber,
    eventId: record?.eventID,
    error: error instanceof Error ? error : new Error(String(error)),
  };
}
