import { type DomainRecord, toSnapshotRecord } from '@symval/records';
import { SortedEntries } from '../state/sorted-entries.js';
import { type BuilderEntry, type BuilderState, entryKey } from '../state/state.js';

/**
 * Builds a state from every record of the table (a full scan), for bootstrapping and drift
 * repair. The entries carry no sequence number; stream records applied afterwards are ordered
 * against them by `Rev` until each item has one (see `applyStreamBatch`).
 *
 * @example
 * const state = await rebuildFromTable(records.asSystem('snapshot-rebuild').listAll({ segments: 4 }));
 */
export async function rebuildFromTable(
  records: AsyncIterable<DomainRecord> | Iterable<DomainRecord>,
): Promise<BuilderState> {
  const found: [string, BuilderEntry][] = [];
  for await (const record of records) {
    found.push([
      entryKey(record.groupId, record.hostname),
      { seq: undefined, record: toSnapshotRecord(record) },
    ]);
  }
  // A scan returns items in hash order; the entries sort them once.
  return { entries: SortedEntries.from(found), clock: 0, publishedHash: undefined };
}
