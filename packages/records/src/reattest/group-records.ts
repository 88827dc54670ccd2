import type { SymmetryCode } from '../table/symmetry-code.js';
import type { StoredRecord } from './stored-record.js';

/**
 * The records stored under one group ID, with the fields its ID was made from as stored.
 * It fits `StoredGroup` of `@symval/attestation` (`groupId`, `owner`, `type`, `hostnames`,
 * `oldestValidateTime`), which re-attestation judges.
 */
export interface StoredGroup<R extends StoredRecord = StoredRecord> {
  /** The group ID the records are stored under. */
  groupId: string;
  /** The first record's owner; a sound group has one (see `owners`). */
  owner: string;
  /** The first record's type code; a sound group has one (see `types`). */
  type: SymmetryCode;
  /** The records' hostnames as stored, sorted. */
  hostnames: string[];
  /** Sorted by hostname. */
  records: R[];
  /** The distinct owners of its records, in record order. */
  owners: string[];
  /** The distinct type codes of its records, in record order. */
  types: SymmetryCode[];
  /** The oldest ValidateTime of its records: the grace period is measured from it. */
  oldestValidateTime: Date;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups stored records by group ID, in group ID order, each group's records by hostname.
 * Nothing is normalised or dropped: a group whose records disagree on owner or type keeps
 * them all, and says so in `owners` and `types`.
 *
 * @example
 * const groups = groupStoredRecords(parseSnapshot(text).map(storedRecordFromSnapshot));
 * groups[0]; // { groupId, owner, type, hostnames, records, owners, types, oldestValidateTime }
 */
export function groupStoredRecords<R extends StoredRecord>(
  records: readonly R[],
): StoredGroup<R>[] {
  const byId = new Map<string, R[]>();
  for (const record of records) {
    const list = byId.get(record.groupId);
    if (list) list.push(record);
    else byId.set(record.groupId, [record]);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([groupId, list]) => {
      list.sort((a, b) => compare(a.hostname, b.hostname));
      const first = list[0]!;
      return {
        groupId,
        owner: first.owner,
        type: first.type,
        hostnames: list.map((record) => record.hostname),
        records: list,
        owners: [...new Set(list.map((record) => record.owner))],
        types: [...new Set(list.map((record) => record.type))],
        oldestValidateTime: new Date(
          Math.min(...list.map((record) => record.validateTime.getTime())),
        ),
      };
    });
}
