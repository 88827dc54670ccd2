import { groupStoredRecords, type StoredGroup } from '@symval/records';
import type { BatchRecord } from '../source/load-records.js';

/** One stored group of the batch: its records carry the Rev read from S3. */
export type BatchGroup = StoredGroup<BatchRecord>;

/**
 * Groups records by group ID (`groupStoredRecords` of `@symval/records`), oldest-validated
 * first, then by group ID. That order is how a run cut short by the Lambda time limit is
 * finished by the next: the groups it refreshed move to the back, the ones it did not reach
 * come first.
 */
export function planBatchGroups(records: readonly BatchRecord[]): BatchGroup[] {
  // The sort is stable and the groups come in group ID order: ties stay in that order.
  return groupStoredRecords(records).sort(
    (a, b) => a.oldestValidateTime.getTime() - b.oldestValidateTime.getTime(),
  );
}
