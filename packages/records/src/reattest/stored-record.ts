import type { ParsedSnapshotRecord } from '../snapshot/types.js';
import type { DomainRecord } from '../table/domain-records.js';
import type { SymmetryCode } from '../table/symmetry-code.js';
import { parseRfc3339OrThrow } from '../time/rfc3339.js';

/**
 * One stored record as re-attestation reads it, from the snapshot or the table, its fields
 * exactly as stored (never normalised: a group's ID was made from these bytes). `rev` is what a
 * conditional write compares against; snapshots written by the Go implementation have none.
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
 * A snapshot entry as a {@link StoredRecord}.
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
    rev: record.Rev,
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
