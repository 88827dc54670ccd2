import { RecordsError } from '../errors.js';
import { entriesOf, entryKeyOf, parseDocumentText } from './document.js';
import { type CheckedEntry, checkSnapshotEntry, duplicateProblem } from './entry.js';
import type { ParsedSnapshotRecord, SnapshotEntryProblem } from './types.js';

function refuse(problem: SnapshotEntryProblem, received: unknown): never {
  throw new RecordsError('snapshot.invalid', problem.message, {
    index: problem.index,
    ...(problem.field === undefined ? {} : { field: problem.field }),
    received,
  });
}

function strict(checked: CheckedEntry): ParsedSnapshotRecord {
  if (!checked.ok) refuse(checked.problem, checked.received);
  return checked.record;
}

/**
 * Validates one parsed entry and returns it in normal form (fields in order, ValidateTime in
 * the normalised UTC form, unknown fields dropped).
 *
 * @throws RecordsError `snapshot.invalid` naming the index and the field.
 */
export function parseSnapshotRecord(value: unknown, index: number): ParsedSnapshotRecord {
  return strict(checkSnapshotEntry(value, index));
}

/**
 * The strict read of `records/domains.json`, for what symval itself writes and for tests: the
 * current format and the Go implementation's (no `Rev`, nanosecond times, `+hh:mm` offsets,
 * `null` for an empty list). Every record is validated; one bad entry refuses the file with a
 * `RecordsError` (`snapshot.invalid`) naming the record's index and field. To read a file for
 * work and leave bad entries out instead, use {@link readSnapshot}. The result keeps the
 * file's order, times normalised to UTC (`2025-10-15T12:34:56.123Z`), unknown fields dropped.
 *
 * @example
 * const records = parseSnapshot(await (await fetch('/records/domains.json')).text());
 * records[0]?.GroupID;
 */
export function parseSnapshot(text: string): ParsedSnapshotRecord[] {
  const entries = entriesOf(parseDocumentText(text));
  const seen = new Set<string>();
  const out = new Array<ParsedSnapshotRecord>(entries.length);
  for (let index = 0; index < entries.length; index++) {
    const record = strict(checkSnapshotEntry(entries[index], index));
    const key = entryKeyOf(record);
    if (seen.has(key)) refuse(duplicateProblem(index, record.Hostname), record.Hostname);
    seen.add(key);
    out[index] = record;
  }
  return out;
}
