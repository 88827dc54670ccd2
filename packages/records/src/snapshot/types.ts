import type { SymmetryCode } from '../table/symmetry-code.js';

/**
 * One entry of the public snapshot `records/domains.json`, with the field names and order of
 * the Go implementation (`Rev` added; existing readers ignore it). This is what symval writes.
 */
export interface SnapshotRecord {
  readonly Owner: string;
  readonly Type: SymmetryCode;
  readonly Hostname: string;
  readonly GroupID: string;
  /** RFC 3339, normalised to UTC as Go writes it (see `formatSnapshotTime`). */
  readonly ValidateTime: string;
  readonly Rev: number;
}

/** A snapshot entry as read: files written by the Go implementation have no `Rev`. */
export type ParsedSnapshotRecord = Omit<SnapshotRecord, 'Rev'> & { readonly Rev?: number };

/** Why one entry of a snapshot was not read. */
export interface SnapshotEntryProblem {
  /** The entry's position in the file's array. */
  readonly index: number;
  /** The first field at fault, in the order Owner, Type, Hostname, GroupID, ValidateTime, Rev; absent when the entry is not an object. */
  readonly field?: string;
  /** What was wrong, e.g. `must be a non-empty string, received ""`. */
  readonly reason: string;
  /** One line naming the entry, the field and the reason: `snapshot record 3: GroupID must be …`. */
  readonly message: string;
  /** The shard of the sharded layout the entry is in (`shards/….json`); absent for the whole file. */
  readonly file?: string;
}

/** What a tolerant read of a snapshot gives: the good entries and why each other one was left out. */
export interface SnapshotRead {
  /** The entries that passed every check, in file order, in normal form (see `parseSnapshot`). */
  readonly records: ParsedSnapshotRecord[];
  /** One problem per entry left out, in file order. */
  readonly rejected: SnapshotEntryProblem[];
}
