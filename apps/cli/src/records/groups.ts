import type { StoredRecord } from './stored-record.js';

/** The records of one group ID, as stored. */
export interface StoredGroup {
  groupId: string;
  /** Sorted by hostname. */
  records: StoredRecord[];
  /** The records' hostnames, sorted. */
  hostnames: string[];
  /** The distinct owners of its records, in record order (one for a sound group). */
  owners: string[];
  /** The distinct type codes of its records (one for a sound group). */
  types: string[];
  /** The oldest ValidateTime of its records: the grace period is measured from it. */
  oldestValidateTime: Date;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups records by group ID, sorted by group ID; each group's records by hostname. */
export function groupRecords(records: readonly StoredRecord[]): StoredGroup[] {
  const byId = new Map<string, StoredRecord[]>();
  for (const record of records) {
    const list = byId.get(record.groupId);
    if (list) list.push(record);
    else byId.set(record.groupId, [record]);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([groupId, list]) => {
      list.sort((a, b) => compare(a.hostname, b.hostname));
      return {
        groupId,
        records: list,
        hostnames: list.map((record) => record.hostname),
        owners: [...new Set(list.map((record) => record.owner))],
        types: [...new Set(list.map((record) => record.type))],
        oldestValidateTime: new Date(
          Math.min(...list.map((record) => record.validateTime.getTime())),
        ),
      };
    });
}
