import type { BatchRecord } from '../source/load-records.js';

/** One stored group, ready for `reattestGroups`: the attestation input plus its records. */
export interface BatchGroup {
  groupId: string;
  owner: string;
  /** The symmetry type code. */
  type: string;
  /** The group's hostnames, sorted. */
  domains: string[];
  records: BatchRecord[];
  /** The oldest ValidateTime of its records: what the grace period is measured from. */
  oldestValidateTime: Date;
}

/**
 * Groups records by group ID, oldest-validated first (then by group ID). That order is how a
 * run cut short by the Lambda time limit is finished by the next: the groups it refreshed
 * move to the back, the ones it did not reach come first.
 */
export function groupRecords(records: readonly BatchRecord[]): BatchGroup[] {
  const byId = new Map<string, BatchRecord[]>();
  for (const record of records) {
    const list = byId.get(record.groupId);
    if (list) list.push(record);
    else byId.set(record.groupId, [record]);
  }
  const groups: BatchGroup[] = [];
  for (const [groupId, list] of byId) {
    list.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
    const first = list[0]!;
    groups.push({
      groupId,
      // The group ID hashes owner and type, so every record of a group agrees on them; if
      // the data says otherwise, attestation computes another ID and the group is invalid.
      owner: first.owner,
      type: first.type,
      domains: list.map((record) => record.hostname),
      records: list,
      oldestValidateTime: new Date(
        Math.min(...list.map((record) => record.validateTime.getTime())),
      ),
    });
  }
  return groups.sort(
    (a, b) =>
      a.oldestValidateTime.getTime() - b.oldestValidateTime.getTime() ||
      (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0),
  );
}
