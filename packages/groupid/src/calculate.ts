import { encodeBase64 } from './base64.js';
import { GroupIdError } from './errors.js';
import { sha256 } from './sha256.js';

const encoder = new TextEncoder();

/** `base64(sha256(utf8(text)))`, standard base64 with padding (44 characters). */
export function hashText(text: string): string {
  return encodeBase64(sha256(encoder.encode(text)));
}

/**
 * The owner part of a v1 group ID: `base64(sha256(owner))`.
 *
 * @example
 * hashOwner('https://example.blog'); // 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk='
 */
export function hashOwner(owner: string): string {
  if (typeof owner !== 'string' || owner.length === 0) {
    throw new GroupIdError('owner.empty', 'owner must be a non-empty string');
  }
  return hashText(owner);
}

/**
 * The hostname part of a v1 group ID: the hostnames sorted by UTF-16 code unit and
 * concatenated with no separator, then hashed. The missing separator is part of v1 and is
 * kept for compatibility with the existing data: `['ab', 'c']` and `['a', 'bc']` collide.
 */
export function hashHostnames(hostnames: readonly string[]): string {
  if (!Array.isArray(hostnames) || hostnames.length === 0) {
    throw new GroupIdError('hostnames.empty', 'hostnames must list at least one hostname');
  }
  hostnames.forEach((hostname, index) => {
    if (typeof hostname !== 'string' || hostname.length === 0) {
      throw new GroupIdError(
        'hostname.empty',
        `hostnames[${index}] must be a non-empty string, received ${JSON.stringify(hostname)}`,
      );
    }
  });
  // Default sort compares UTF-16 code units, which is what v1 specifies.
  return hashText([...hostnames].sort().join(''));
}

/**
 * Calculates a v1 group ID:
 * `v1:<typeCode>:base64(sha256(owner)):base64(sha256(concat(sort(hostnames))))`.
 *
 * It does not normalise: callers lowercase hostnames and strip trailing dots first.
 *
 * @example
 * calculateGroupIdV1('https://example.blog', 'a', ['etutitsni.elpmaxe.example.institute']);
 * // 'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs='
 */
export function calculateGroupIdV1(
  owner: string,
  typeCode: string,
  hostnames: readonly string[],
): string {
  const ownerHash = hashOwner(owner);
  if (typeof typeCode !== 'string' || typeCode.length === 0) {
    throw new GroupIdError('type.empty', 'typeCode must be a non-empty string such as "a"');
  }
  if (typeCode.includes(':')) {
    throw new GroupIdError(
      'type.invalid',
      `typeCode must not contain ":", received ${JSON.stringify(typeCode)}`,
    );
  }
  return `v1:${typeCode}:${ownerHash}:${hashHostnames(hostnames)}`;
}
