import type { SnapshotRecord } from '@symval/records';
import type { BuilderEntry } from './entry.js';
import { SortedEntries } from './sorted-entries.js';

// Kept here too: the package's entry and its callers import the entry type from the state.
export type { BuilderEntry } from './entry.js';

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
