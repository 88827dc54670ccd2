import { safeParseGroupId } from '@symval/groupid';
import { describeValue } from '../errors.js';
import { isSymmetryCode } from '../table/symmetry-code.js';
import { formatSnapshotTime, parseSnapshotTime } from './time.js';
import type { ParsedSnapshotRecord, SnapshotEntryProblem } from './types.js';

/** Longest hostname DNS allows. */
const MAX_HOSTNAME = 253;
// Whitespace and control characters never belong in a hostname. An owner is any text the
// engine accepted (spaces included): the reader must not refuse an entry for it.
const FORBIDDEN = /[\s\p{Cc}]/u;
// In u mode a paired surrogate is one code point, so this finds only lone (ill-formed) ones.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** An entry checked: its normal form, or the first thing wrong with it. */
export type CheckedEntry =
  | { readonly ok: true; readonly record: ParsedSnapshotRecord }
  | { readonly ok: false; readonly problem: SnapshotEntryProblem; readonly received: unknown };

function describeProblem(
  index: number,
  field: string | undefined,
  expected: string,
  received: unknown,
): SnapshotEntryProblem {
  const reason = `must be ${expected}, received ${describeValue(received)}`;
  const message =
    field === undefined
      ? `snapshot record ${index} ${reason}`
      : `snapshot record ${index}: ${field} ${reason}`;
  return { index, ...(field === undefined ? {} : { field }), reason, message };
}

function problem(
  index: number,
  field: string | undefined,
  expected: string,
  received: unknown,
): CheckedEntry {
  return { ok: false, problem: describeProblem(index, field, expected, received), received };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !LONE_SURROGATE.test(value);
}

/**
 * Checks one entry of a snapshot and gives it in normal form (fields in order, ValidateTime in
 * the normalised UTC form, unknown fields dropped), or the first field at fault. This is the
 * one definition of a good entry: the strict and the tolerant read both use it.
 */
export function checkSnapshotEntry(value: unknown, index: number): CheckedEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problem(
      index,
      undefined,
      'an object {Owner, Type, Hostname, GroupID, ValidateTime, Rev?}',
      value,
    );
  }
  const r = value as Record<string, unknown>;
  if (!isText(r.Owner)) return problem(index, 'Owner', 'a non-empty string', r.Owner);
  if (!isSymmetryCode(r.Type)) return problem(index, 'Type', 'a symmetry type code a..h', r.Type);
  const hostname = r.Hostname;
  if (!isText(hostname)) return problem(index, 'Hostname', 'a non-empty string', hostname);
  if (hostname.length > MAX_HOSTNAME || FORBIDDEN.test(hostname)) {
    return problem(
      index,
      'Hostname',
      `a hostname (at most ${MAX_HOSTNAME} characters, no whitespace)`,
      hostname,
    );
  }
  const groupId = r.GroupID;
  if (!isText(groupId)) return problem(index, 'GroupID', 'a non-empty string', groupId);
  const parsed = safeParseGroupId(groupId);
  if (!('typeCode' in parsed)) {
    return problem(index, 'GroupID', `a v1 group ID (${parsed.message})`, groupId);
  }
  if (parsed.typeCode !== r.Type) {
    return problem(
      index,
      'GroupID',
      `a group ID of type ${JSON.stringify(r.Type)} (the record's Type)`,
      groupId,
    );
  }
  const time = parseSnapshotTime(r.ValidateTime);
  if (!time) return problem(index, 'ValidateTime', 'an RFC 3339 date-time', r.ValidateTime);
  const rev = r.Rev;
  if (rev !== undefined && (typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 0)) {
    return problem(index, 'Rev', 'a non-negative integer, or absent', rev);
  }
  return {
    ok: true,
    record: {
      Owner: r.Owner,
      Type: r.Type,
      Hostname: hostname,
      GroupID: groupId,
      ValidateTime: formatSnapshotTime(time),
      ...(rev !== undefined ? { Rev: rev } : {}),
    },
  };
}

/** The duplicate-key problem: a GroupID and Hostname that an earlier entry already holds. */
export function duplicateProblem(index: number, hostname: string): SnapshotEntryProblem {
  return describeProblem(
    index,
    'Hostname',
    'unique within its group (this GroupID and Hostname appear twice)',
    hostname,
  );
}
