import type { DomainRecord } from '../table/domain-records.js';
import { formatSnapshotTime } from './time.js';
import type { SnapshotRecord } from './types.js';

/**
 * The snapshot entry of a stored record.
 *
 * @example
 * const entry = toSnapshotRecord(await records.asSystem('export').get(key));
 */
export function toSnapshotRecord(record: DomainRecord): SnapshotRecord {
  return {
    Owner: record.owner,
    Type: record.type,
    Hostname: record.hostname,
    GroupID: record.groupId,
    ValidateTime: formatSnapshotTime(record.validateTime),
    Rev: record.rev,
  };
}
