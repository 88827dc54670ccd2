import { safeParseGroupId } from '@symval/groupid';
import { describeValue, RecordsError } from '../errors.js';
import { isSymmetryCode } from '../table/symmetry-code.js';
import { formatValidateTime, parseRfc3339 } from '../time/rfc3339.js';
import type { ParsedSnapshotRecord } from './types.js';

/** Longest hostname DNS allows. */
const MAX_HOSTNAME = 253;
// Whitespace and control characters never belong in a hostname. An owner is any text the
// engine accepted (spaces included): the reader must not refuse a whole file for it.
const FORBIDDEN = /[\s\p{Cc}]/u;
// In u mode a paired surrogate is one code point, so this finds only lone (ill-formed) ones.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function fail(index: number, field: string, expected: string, received: unknown): never {
  throw new RecordsError(
    'snapshot.invalid',
    `snapshot record ${index}: ${field} must be ${expected}, received ${describeValue(received)}`,
    { index, field, received },
  );
}

function text(index: number, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || LONE_SURROGATE.test(value)) {
    fail(index, field, 'a non-empty string', value);
  }
  return value;
}

/**
 * Validates one parsed entry and returns it in normal form (fields in order, ValidateTime in
 * the normalised UTC form, unknown fields dropped).
 */
export function parseSnapshotRecord(value: unknown, index: number): ParsedSnapshotRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RecordsError(
      'snapshot.invalid',
      `snapshot record ${index} must be an object {Owner, Type, Hostname, GroupID, ValidateTime, Rev?}, received ${describeValue(value)}`,
      { index, received: value },
    );
  }
  const r = value as Record<string, unknown>;
  const owner = text(index, 'Owner', r.Owner);
  if (!isSymmetryCode(r.Type)) fail(index, 'Type', 'a symmetry type code a..h', r.Type);
  const hostname = text(index, 'Hostname', r.Hostname);
  if (hostname.length > MAX_HOSTNAME || FORBIDDEN.test(hostname)) {
    fail(
      index,
      'Hostname',
      `a hostname (at most ${MAX_HOSTNAME} characters, no whitespace)`,
      hostname,
    );
  }
  const groupId = text(index, 'GroupID', r.GroupID);
  const parsed = safeParseGroupId(groupId);
  if (!('typeCode' in parsed)) fail(index, 'GroupID', `a v1 group ID (${parsed.message})`, groupId);
  if (parsed.typeCode !== r.Type) {
    fail(
      index,
      'GroupID',
      `a group ID of type ${JSON.stringify(r.Type)} (the record's Type)`,
      groupId,
    );
  }
  const time = parseRfc3339(r.ValidateTime);
  if (!time) fail(index, 'ValidateTime', 'an RFC 3339 date-time', r.ValidateTime);
  const rev = r.Rev;
  if (rev !== undefined && (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 0)) {
    fail(index, 'Rev', 'a non-negative integer, or absent', rev);
  }
  return {
    Owner: owner,
    Type: r.Type,
    Hostname: hostname,
    GroupID: groupId,
    ValidateTime: formatValidateTime(time),
    ...(rev !== undefined ? { Rev: rev } : {}),
  };
}

/**
 * Reads `records/domains.json`: the current format and the Go implementation's (no `Rev`,
 * nanosecond times, `+hh:mm` offsets, `null` for an empty list). Every record is validated;
 * malformed input is refused with a `RecordsError` (`snapshot.invalid`) naming the record's
 * index and field. The result keeps the file's order, times normalised to UTC
 * (`2025-10-15T12:34:56.123Z`), unknown fields dropped.
 *
 * @example
 * const records = parseSnapshot(await (await fetch('/records/domains.json')).text());
 * records[0]?.GroupID;
 */
export function parseSnapshot(text: string): ParsedSnapshotRecord[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RecordsError(
      'snapshot.invalid',
      `the snapshot is not JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (document === null) return [];
  if (!Array.isArray(document)) {
    throw new RecordsError(
      'snapshot.invalid',
      `the snapshot must be a JSON array of records, received ${describeValue(document)}`,
      { received: document },
    );
  }
  const seen = new Set<string>();
  const out = new Array<ParsedSnapshotRecord>(document.length);
  for (let index = 0; index < document.length; index++) {
    const record = parseSnapshotRecord(document[index], index);
    const key = `${record.GroupID}\n${record.Hostname}`;
    if (seen.has(key)) {
      fail(
        index,
        'Hostname',
        'unique within its group (this GroupID and Hostname appear twice)',
        record.Hostname,
      );
    }
    seen.add(key);
    out[index] = record;
  }
  return out;
}
