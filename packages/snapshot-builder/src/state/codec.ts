import { isSymmetryCode, parseRfc3339, type SnapshotRecord } from '@symval/records';
import { SnapshotBuilderError } from '../errors.js';
import { isSequenceNumber } from '../stream/sequence-number.js';
import { SortedEntries } from './sorted-entries.js';
import { type BuilderEntry, type BuilderState, entryKey, sortedEntries } from './state.js';

/** The `format` field of a stored state, so a foreign file is never taken for one. */
export const STATE_FORMAT = 'symval-snapshot-builder-state';
/** The version of the stored state's layout. */
export const STATE_VERSION = 1;

// Entries are arrays to keep a 100,000-item state small and quick to parse:
//   live:      [GroupID, Hostname, seq | null, Owner, Type, ValidateTime, Rev]
//   tombstone: [GroupID, Hostname, seq, removedAt]
type LiveRow = [string, string, string | null, string, string, string, number];
type TombstoneRow = [string, string, string, number];

/**
 * The builder state as stored at the private state key: JSON with the format, version,
 * clock, published hash and one row per item. Never published.
 */
export function serializeState(state: BuilderState): string {
  const rows: (LiveRow | TombstoneRow)[] = [];
  for (const [key, entry] of sortedEntries(state.entries)) {
    const r = entry.record;
    if (r) {
      rows.push([r.GroupID, r.Hostname, entry.seq ?? null, r.Owner, r.Type, r.ValidateTime, r.Rev]);
    } else {
      const at = key.indexOf('\n');
      rows.push([key.slice(0, at), key.slice(at + 1), entry.seq!, entry.removedAt ?? state.clock]);
    }
  }
  return JSON.stringify({
    format: STATE_FORMAT,
    version: STATE_VERSION,
    clock: state.clock,
    publishedHash: state.publishedHash ?? null,
    entries: rows,
  });
}

function invalid(message: string): never {
  throw new SnapshotBuilderError('state.invalid', `builder state: ${message}`);
}

function str(value: unknown, what: string, row: number): string {
  if (typeof value !== 'string' || value === '')
    invalid(`entry ${row}: ${what} must be a non-empty string`);
  return value;
}

/**
 * Reads a stored builder state; throws `SnapshotBuilderError` (`state.invalid`) when it is
 * not one, naming the entry and the field.
 */
export function parseState(text: string): BuilderState {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SnapshotBuilderError(
      'state.invalid',
      `builder state is not JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const d = doc as Record<string, unknown>;
  if (typeof d !== 'object' || d === null || d.format !== STATE_FORMAT) {
    invalid(`format must be ${JSON.stringify(STATE_FORMAT)}`);
  }
  if (d.version !== STATE_VERSION)
    invalid(`version ${JSON.stringify(d.version)} is not ${STATE_VERSION}`);
  if (typeof d.clock !== 'number' || !Number.isFinite(d.clock)) invalid('clock must be a number');
  if (d.publishedHash !== null && typeof d.publishedHash !== 'string')
    invalid('publishedHash must be a string or null');
  if (!Array.isArray(d.entries)) invalid('entries must be an array');
  const rows: [string, BuilderEntry][] = [];
  const seen = new Set<string>();
  d.entries.forEach((row: unknown, i: number) => {
    if (!Array.isArray(row) || (row.length !== 7 && row.length !== 4))
      invalid(`entry ${i} must be an array of 7 (live) or 4 (tombstone) values`);
    const groupId = str(row[0], 'GroupID', i);
    const hostname = str(row[1], 'Hostname', i);
    const seq = row[2];
    const key = entryKey(groupId, hostname);
    if (seen.has(key)) invalid(`entry ${i}: ${groupId} ${hostname} appears twice`);
    seen.add(key);
    if (row.length === 4) {
      if (!isSequenceNumber(seq)) invalid(`entry ${i}: a tombstone needs a sequence number`);
      if (typeof row[3] !== 'number' || !Number.isFinite(row[3]))
        invalid(`entry ${i}: removedAt must be a number`);
      rows.push([key, { seq, record: undefined, removedAt: row[3] }]);
      return;
    }
    if (seq !== null && !isSequenceNumber(seq))
      invalid(`entry ${i}: seq must be decimal digits or null`);
    const type = row[4];
    if (!isSymmetryCode(type)) invalid(`entry ${i}: Type must be a code a..h`);
    const time = str(row[5], 'ValidateTime', i);
    if (!parseRfc3339(time)) invalid(`entry ${i}: ValidateTime must be RFC 3339`);
    if (!Number.isSafeInteger(row[6]) || (row[6] as number) < 0)
      invalid(`entry ${i}: Rev must be a non-negative integer`);
    const record: SnapshotRecord = {
      Owner: str(row[3], 'Owner', i),
      Type: type,
      Hostname: hostname,
      GroupID: groupId,
      ValidateTime: time,
      Rev: row[6] as number,
    };
    rows.push([key, { seq: seq ?? undefined, record }]);
  });
  const entries = SortedEntries.from(rows);
  return {
    entries,
    clock: d.clock as number,
    publishedHash: (d.publishedHash as string | null) ?? undefined,
  };
}
