import type { DomainRecord, ParsedSnapshotRecord, SymmetryCode } from '@symval/records';
import { parseRfc3339OrThrow } from '@symval/records';

/**
 * One stored record, whether read from the snapshot or the table. `rev` is what a conditional
 * write compares against; snapshots written by the Go implementation have none.
 */
export interface StoredRecord {
  groupId: string;
  hostname: string;
  owner: string;
  type: SymmetryCode;
  validateTime: Date;
  rev: number | undefined;
}

/** A snapshot entry as a {@link StoredRecord}. */
export function fromSnapshotRecord(record: ParsedSnapshotRecord): StoredRecord {
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
export function fromTableRecord(record: DomainRecord): StoredRecord {
  return {
    groupId: record.groupId,
    hostname: record.hostname,
    owner: record.owner,
    type: record.type,
    validateTime: record.validateTime,
    rev: record.rev,
  };
}

/** A record as `--json` prints it: the time as ISO 8601, `rev` null when unknown. */
export function recordJson(record: StoredRecord) {
  return {
    owner: record.owner,
    type: record.type,
    hostname: record.hostname,
    groupId: record.groupId,
    validateTime: record.validateTime.toISOString(),
    rev: record.rev ?? null,
  };
}
