import type { StreamRecordLike } from '@symval/records';

/**
 * A DynamoDB stream record in either shape: a Lambda event's (binary as base64, time in epoch
 * seconds) or the DynamoDB Streams API's (`Uint8Array`, `Date`); the shape the records table's
 * stream decoding reads.
 */
export type StreamRecordInput = StreamRecordLike;

/** A stream record that could not be decoded; it is skipped, and later records still apply. */
export interface DecodeFailure {
  /** Position in the batch. */
  readonly index: number;
  readonly sequenceNumber: string | undefined;
  readonly eventId: string | undefined;
  readonly error: Error;
}

/** Options of `applyStreamBatch`. */
export interface ApplyStreamBatchOptions {
  /**
   * How long a tombstone is kept after the removal, measured on the clock of stream record
   * times. At least the stream's 24-hour retention; default 25 hours.
   */
  tombstoneRetentionMs?: number;
}

/** Result of `applyStreamBatch`. */
export interface ApplyStreamBatchResult<State> {
  /** The new state; the same object as the input when nothing changed. */
  readonly state: State;
  /** Records that changed an item (set or removed it). */
  readonly applied: number;
  /** Records not newer than what the state holds (duplicates, replays, retried batches). */
  readonly skipped: number;
  /** Records that could not be decoded: to log; they do not stop the rest of the batch. */
  readonly failures: readonly DecodeFailure[];
  /** Tombstones dropped because they outlived the retention. */
  readonly expiredTombstones: number;
}
