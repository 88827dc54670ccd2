import { calculateGroupIdV1 } from '@symval/groupid';
import type { AttestedRecordLike, SymmetryCode } from '../src/index.js';

/** The attested records of a group, with the right v1 group ID. */
export function attestedGroup(
  owner: string,
  type: SymmetryCode,
  hostnames: readonly string[],
  validateTime = new Date('2025-10-15T12:34:56.789Z'),
): AttestedRecordLike[] {
  const groupId = calculateGroupIdV1(owner, type, hostnames);
  return hostnames.map((hostname) => ({ owner, type, hostname, groupId, validateTime }));
}
