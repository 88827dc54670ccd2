import type { ParsedSnapshotRecord, SnapshotRecord } from './types.js';

// Go's encoding/json escapes these for HTML safety; JSON.stringify does not. Escaping them
// the same way keeps the bytes identical to what the Go implementation wrote.
const GO_ESCAPES = /[<>&\u2028\u2029]/g;
const HAS_GO_ESCAPE = /[<>&\u2028\u2029]/;
const GO_ESCAPE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

// Strings with none of these need no escaping at all (the common case: group IDs, hostnames,
// times, most owners), so they skip JSON.stringify. In u mode the surrogate range matches only
// lone surrogates, which JSON.stringify escapes.
const PLAIN = /^[^"\\\p{Cc}<>&\u2028\u2029\ud800-\udfff]*$/u;

/** A JSON string literal as Go's `json.Marshal` writes it. */
export function goJsonString(value: string): string {
  if (PLAIN.test(value)) return `"${value}"`;
  const json = JSON.stringify(value);
  return HAS_GO_ESCAPE.test(json) ? json.replace(GO_ESCAPES, (c) => GO_ESCAPE[c]!) : json;
}

/** Orders records by GroupID, then Hostname (UTF-16 code units, as the sort is in Go on ASCII). */
export function compareSnapshotRecords(
  a: Pick<SnapshotRecord, 'GroupID' | 'Hostname'>,
  b: Pick<SnapshotRecord, 'GroupID' | 'Hostname'>,
): number {
  if (a.GroupID !== b.GroupID) return a.GroupID < b.GroupID ? -1 : 1;
  if (a.Hostname !== b.Hostname) return a.Hostname < b.Hostname ? -1 : 1;
  return 0;
}

/**
 * One record of `records/domains.json` exactly as it appears in the file (indented as the
 * second level of Go's `json.MarshalIndent(records, "", "  ")`, no separator). The file is
 * `SNAPSHOT_FRAMING.open` + the entries, sorted, joined by `separator` + `close`, or `empty`:
 * a writer that keeps each record's entry can make the file by copying bytes.
 *
 * @example
 * const body = SNAPSHOT_FRAMING.open + sorted.map(serializeSnapshotEntry).join(SNAPSHOT_FRAMING.separator) + SNAPSHOT_FRAMING.close;
 */
export function serializeSnapshotEntry(r: ParsedSnapshotRecord): string {
  return `  {\n    "Owner": ${goJsonString(r.Owner)},\n    "Type": ${goJsonString(r.Type)},\n    "Hostname": ${goJsonString(r.Hostname)},\n    "GroupID": ${goJsonString(r.GroupID)},\n    "ValidateTime": ${goJsonString(r.ValidateTime)}${r.Rev === undefined ? '' : `,\n    "Rev": ${r.Rev}`}\n  }`;
}

/**
 * The bytes of `records/domains.json`: records sorted by GroupID then Hostname, formatted as
 * Go's `json.MarshalIndent(records, "", "  ")` (two-space indent, keys in the order Owner,
 * Type, Hostname, GroupID, ValidateTime, Rev, `<`, `>` and `&` escaped as Go does), with no
 * trailing newline (MarshalIndent adds none). An empty list is `[]`. The same records in any
 * order give the same bytes. The input is not modified; records are not validated here (use
 * `parseSnapshot` for untrusted input).
 *
 * @example
 * serializeSnapshot([{ Owner: 'https://example.blog', Type: 'a', Hostname: 'zb.snus.suns.bz', GroupID: id, ValidateTime: '2025-10-15T12:34:56Z', Rev: 1 }]);
 */
export function serializeSnapshot(records: readonly ParsedSnapshotRecord[]): string {
  if (records.length === 0) return SNAPSHOT_FRAMING.empty;
  const sorted = isSorted(records) ? records : [...records].sort(compareSnapshotRecords);
  // Joined in chunks, so the per-record strings die young and the peak stays near twice the
  // document (the chunks, then the result) rather than every piece at once.
  const chunks: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    parts.push(serializeSnapshotEntry(sorted[i]!));
    if (parts.length === CHUNK || i === sorted.length - 1) {
      chunks.push(parts.join(SNAPSHOT_FRAMING.separator));
      parts.length = 0;
    }
  }
  return `${SNAPSHOT_FRAMING.open}${chunks.join(SNAPSHOT_FRAMING.separator)}${SNAPSHOT_FRAMING.close}`;
}

/** What surrounds and separates the entries of `records/domains.json` (see `serializeSnapshotEntry`). */
export const SNAPSHOT_FRAMING = Object.freeze({
  open: '[\n',
  separator: ',\n',
  close: '\n]',
  empty: '[]',
});

const CHUNK = 512;

function isSorted(records: readonly ParsedSnapshotRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    if (compareSnapshotRecords(records[i - 1]!, records[i]!) > 0) return false;
  }
  return true;
}
