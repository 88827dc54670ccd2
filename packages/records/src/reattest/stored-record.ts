import type { ParsedSnapshotRecord } from '../snapshot/types.js';
import type { DomainRecord } from '../table/domain-records.js';
import type { SymmetryCode } from '../table/symmetry-code.js';
import { parseRfc3339OrThrow } from '../time/rfc3339.js';

/**
 * One stored record as re-attestation reads it, from the snapshot or the table, its fields
 * exactly as stored (never normalised: a group's ID was made from these bytes). `rev` is what a
 * conditional write compares against: 0 for a record never versioned (a table item or a
 * snapshot entry without `Rev`), whose write then holds only while `Rev` is still absent.
 * `undefined` (no conditional write is made) only comes from records made by hand.
 */
export interface StoredRecord {
  groupId: string;
  hostname: string;
  owner: string;
  type: SymmetryCode;
  validateTime: Date;
  rev: number | undefined;
}

/**
 * A snapshot entry as a {@link StoredRecord}. An entry without `Rev` (the existing club wrote
 * its file before it had one) is never versioned: Rev 0.
 *
 * @example
 * parseSnapshot(text).map(storedRecordFromSnapshot);
 */
export function storedRecordFromSnapshot(record: ParsedSnapshotRecord): StoredRecord {
  return {
    groupId: record.GroupID,
    hostname: record.Hostname,
    owner: record.Owner,
    type: record.Type,
    validateTime: parseRfc3339OrThrow(record.ValidateTime),
    rev: record.Rev ?? 0,
  };
}

/** A table item as a {@link StoredRecord}. */
export function storedRecordFromTable(record: DomainRecord): StoredRecord {
  return {
    groupId: record.groupId,
    hostname: record.hostname,
    owner: record.owner,
    type: record.type,
    validateTime: record.validateTime,
    rev: record.rev,
  };
}
