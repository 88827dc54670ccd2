import type { SnapshotRecord } from '@symval/records';
import { SortedEntries } from './sorted-entries.js';

/**
 * What the builder remembers of one item (key GroupID + Hostname).
 *
 * - `seq`: the stream sequence number last applied to it; `undefined` when the entry came
 *   from a rebuild or a seed and no stream record has been applied since.
 * - `record`: the item as published; `undefined` for a tombstone (a removed item, kept so a
 *   late duplicate of an older write cannot bring it back).
 * - `removedAt`: when the removal happened (epoch ms, from the stream record), tombstones only.
 */
export interface BuilderEntry {
  readonly seq: string | undefined;
  readonly record: SnapshotRecord | undefined;
  readonly removedAt?: number;
}

/**
 * The builder's state: an entry per item key (a read-only map in key order, GroupID then
 * Hostname), a clock (the latest stream record time seen,
 * epoch ms, which ages tombstones without reading the wall clock), and the SHA-256 of the
 * document last published. Immutable: functions return a new state, or the same object when
 * nothing changed.
 */
export interface BuilderState {
  readonly entries: ReadonlyMap<string, BuilderEntry>;
  readonly clock: number;
  readonly publishedHash: string | undefined;
}

/**
 * The map key of an item: GroupID, a newline, Hostname. Neither contains a character below a
 * newline, so keys sort (by code unit) exactly as (GroupID, Hostname) does.
 */
export function entryKey(groupId: string, hostname: string): string {
  return `${groupId}\n${hostname}`;
}

/** A state with nothing in it. */
export function emptyState(): BuilderState {
  return { entries: SortedEntries.from([]), clock: 0, publishedHash: undefined };
}

/** The entries of a state as sorted entries (a state built by hand may hold a plain Map). */
export function sortedEntries(entries: ReadonlyMap<string, BuilderEntry>): SortedEntries {
  return entries instanceof SortedEntries ? entries : SortedEntries.from(entries);
}

/** How many items are published and how many tombstones are kept. */
export function countEntries(state: BuilderState): { records: number; tombstones: number } {
  let records = 0;
  for (const entry of state.entries.values()) if (entry.record) records++;
  return { records, tombstones: state.entries.size - records };
}

/**
 * The public records of a state, sorted by GroupID then Hostname, as `serializeSnapshot`
 * writes them.
 */
export function publicRecords(state: BuilderState): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  for (const entry of sortedEntries(state.entries).valueList)
    if (entry.record) out.push(entry.record);
  return out;
}
