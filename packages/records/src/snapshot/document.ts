import { describeValue, RecordsError } from '../errors.js';

/** The text of a snapshot as JSON; `RecordsError` `snapshot.invalid` when it is not JSON. */
export function parseDocumentText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecordsError(
      'snapshot.invalid',
      `the snapshot is not JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * The entries of a parsed snapshot: its array, or none for `null` (a Go nil slice).
 * `RecordsError` `snapshot.invalid` for anything else: without an array there is no entry
 * to keep.
 */
export function entriesOf(document: unknown): readonly unknown[] {
  if (document === null) return [];
  if (!Array.isArray(document)) {
    throw new RecordsError(
      'snapshot.invalid',
      `the snapshot must be a JSON array of records, received ${describeValue(document)}`,
      { received: document },
    );
  }
  return document;
}

/** The key no two entries of a snapshot may share. */
export function entryKeyOf(record: {
  readonly GroupID: string;
  readonly Hostname: string;
}): string {
  return `${record.GroupID}\n${record.Hostname}`;
}
