import { validateSymmetry } from '@symval/attestation';
import { calculateGroupIdV1, normalizeHostname } from '@symval/groupid';
import type { StoredGroup } from '@symval/records';

/** What can be wrong with a stored group, found without DNS. */
export type GroupProblemCode =
  | 'mixed-owner'
  | 'mixed-type'
  | 'hostname-not-normal'
  | 'id-mismatch'
  | 'symmetry-failed';

/** One problem of a stored group. */
export interface GroupProblem {
  code: GroupProblemCode;
  message: string;
  /** The hostname at fault, when the problem is about one. */
  hostname?: string;
}

/**
 * Checks a stored group offline, by the bytes its ID was made from: every record agrees on
 * owner and type, every hostname is a hostname, the group ID recomputed from the records'
 * owner, type and hostnames exactly as stored equals the stored one, and the hostnames (in
 * normal form) have the type's symmetry. A hostname stored as it was submitted before input
 * was normalised (uppercase, a trailing dot) is no problem: the existing club's groups are
 * like that, and their IDs were made from those bytes. An empty list means the group is
 * sound as stored (its DNS claims are not checked).
 *
 * @example
 * checkStoredGroup(groupStoredRecords(records)[0]); // [] or [{ code: 'id-mismatch', message }]
 */
export function checkStoredGroup(group: StoredGroup): GroupProblem[] {
  const problems: GroupProblem[] = [];
  if (group.owners.length > 1) {
    problems.push({
      code: 'mixed-owner',
      message: `the records name ${group.owners.length} owners (${group.owners.map((o) => JSON.stringify(o)).join(', ')}); a group has one`,
    });
  }
  if (group.types.length > 1) {
    problems.push({
      code: 'mixed-type',
      message: `the records name ${group.types.length} types (${group.types.join(', ')}); a group has one`,
    });
  }
  const normalHostnames: string[] = [];
  for (const hostname of group.hostnames) {
    const normal = normalizeHostname(hostname);
    if (!normal.ok) {
      problems.push({
        code: 'hostname-not-normal',
        hostname,
        message: `${JSON.stringify(hostname)} is not a hostname: ${normal.message}`,
      });
      normalHostnames.push(hostname);
    } else {
      normalHostnames.push(normal.hostname);
    }
  }
  // With mixed owners or types any recomputation disagrees; the first record's are used.
  const owner = group.records[0]!.owner;
  const type = group.records[0]!.type;
  const recompute = (hostnames: readonly string[]): string => {
    try {
      return calculateGroupIdV1(owner, type, hostnames);
    } catch (error) {
      // Only an empty owner gets here (the schema keeps types and hostnames non-empty).
      return `(none: ${(error as Error).message})`;
    }
  };
  const recomputed = recompute(group.hostnames);
  // The stored bytes made the ID (the existing club's way), or their normal form did (a
  // record whose case differs from its ID's): either way normalising is no reason to drop it.
  if (recomputed !== group.groupId && recompute(normalHostnames) !== group.groupId) {
    problems.push({
      code: 'id-mismatch',
      message: `the stored group ID is not the one its records give: owner, type ${type} and ${group.hostnames.join(' ')} make ${recomputed}`,
    });
  }
  const symmetry = validateSymmetry(type, normalHostnames);
  if (!symmetry.ok) {
    problems.push({ code: 'symmetry-failed', message: symmetry.message });
  }
  return problems;
}
