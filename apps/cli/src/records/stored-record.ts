import type { StoredRecord } from '@symval/records';

export type { StoredRecord } from '@symval/records';
export {
  storedRecordFromSnapshot as fromSnapshotRecord,
  storedRecordFromTable as fromTableRecord,
} from '@symval/records';

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
