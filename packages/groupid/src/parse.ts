import { GroupIdError } from './errors.js';

/** The parts of a group ID. */
export interface ParsedGroupId {
  /** `'v1'` */
  version: 'v1';
  typeCode: string;
  /** `base64(sha256(owner))` */
  ownerHash: string;
  /** `base64(sha256(concat(sort(hostnames))))` */
  domainsHash: string;
  /** The string that was parsed. */
  raw: string;
}

// 32 bytes in base64 are 43 characters and one `=`; the 43rd character carries only four
// bits, so it is one of the 16 characters whose low two bits are zero.
const SHA256_BASE64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

function preview(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * Parses a group ID such as `v1:a:<ownerHash>:<domainsHash>`.
 *
 * @throws GroupIdError with a `code` saying what is wrong.
 * @example
 * parseGroupId('v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=').typeCode; // 'a'
 */
export function parseGroupId(raw: string): ParsedGroupId {
  const result = safeParseGroupId(raw);
  if (result instanceof GroupIdError) throw result;
  return result;
}

/**
 * Like {@link parseGroupId} but returns the `GroupIdError` instead of throwing, for callers
 * that expect many strings not to be group IDs (TXT records, user input).
 */
export function safeParseGroupId(raw: unknown): ParsedGroupId | GroupIdError {
  if (typeof raw !== 'string') {
    return new GroupIdError(
      'groupid.invalid-type',
      `a group ID must be a string, received ${typeof raw}`,
    );
  }
  if (raw.length === 0) {
    return new GroupIdError('groupid.empty', 'a group ID must not be empty');
  }
  const parts = raw.split(':');
  if (parts.length !== 4) {
    return new GroupIdError(
      'groupid.parts',
      `a group ID has 4 parts separated by ":" (version:type:ownerHash:domainsHash), received ${parts.length} in ${preview(raw)}`,
    );
  }
  const [version, typeCode, ownerHash, domainsHash] = parts as [string, string, string, string];
  if (version !== 'v1') {
    return new GroupIdError(
      'groupid.version',
      `unknown group ID version ${preview(version)}; only "v1" is supported`,
    );
  }
  const names = ['version', 'type', 'ownerHash', 'domainsHash'] as const;
  for (let index = 0; index < 4; index++) {
    if (parts[index]!.length === 0) {
      return new GroupIdError(
        'groupid.part-empty',
        `the ${names[index]} part of ${preview(raw)} is empty`,
      );
    }
  }
  for (const [name, hash] of [
    ['ownerHash', ownerHash],
    ['domainsHash', domainsHash],
  ] as const) {
    if (!SHA256_BASE64.test(hash)) {
      return new GroupIdError(
        'groupid.hash',
        `the ${name} part must be a SHA-256 digest in standard base64 (44 characters ending in "="), received ${preview(hash)}`,
      );
    }
  }
  return { version, typeCode, ownerHash, domainsHash, raw };
}

/** Whether `raw` parses as a group ID. */
export function isGroupId(raw: unknown): raw is string {
  return !(safeParseGroupId(raw) instanceof GroupIdError);
}
