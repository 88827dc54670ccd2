import { entriesOf, entryKeyOf, parseDocumentText } from './document.js';
import { checkSnapshotEntry, duplicateProblem } from './entry.js';
import type { ParsedSnapshotRecord, SnapshotEntryProblem, SnapshotRead } from './types.js';

/**
 * The tolerant read of an already parsed `records/domains.json` (e.g. `await response.json()`):
 * every entry is checked as {@link parseSnapshot} checks it, but a bad entry is left out and
 * reported instead of refusing the file. A later entry with the GroupID and Hostname of an
 * earlier one is reported too; the first stays.
 *
 * @throws RecordsError `snapshot.invalid` when the document is not an array (or `null`).
 * @example
 * const { records, rejected } = readSnapshotDocument(await (await fetch(url)).json());
 */
export function readSnapshotDocument(document: unknown): SnapshotRead {
  const entries = entriesOf(document);
  const records: ParsedSnapshotRecord[] = [];
  const rejected: SnapshotEntryProblem[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < entries.length; index++) {
    const checked = checkSnapshotEntry(entries[index], index);
    if (!checked.ok) {
      rejected.push(checked.problem);
      continue;
    }
    const key = entryKeyOf(checked.record);
    if (seen.has(key)) {
      rejected.push(duplicateProblem(index, checked.record.Hostname));
      continue;
    }
    seen.add(key);
    records.push(checked.record);
  }
  return { records, rejected };
}

/**
 * The tolerant read of `records/domains.json`, for reading a snapshot for work (re-attestation,
 * the CLI, the site): the good entries, plus the index, field and reason of every entry left
 * out. Whole-file faults (not JSON, not an array) still throw: there is nothing to keep.
 *
 * @throws RecordsError `snapshot.invalid` when the text is not JSON or not an array.
 * @example
 * const { records, rejected } = readSnapshot(text);
 * for (const problem of rejected) console.warn(problem.message); // snapshot record 3: GroupID must be …
 */
export function readSnapshot(text: string): SnapshotRead {
  return readSnapshotDocument(parseDocumentText(text));
}
