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
 * Checks a stored group offline: every record agrees on owner and type, hostnames are in
 * normal form (as attestation stores them), the group ID recomputed from the records' owner,
 * type and hostnames equals the stored one, and the hostnames have the type's symmetry.
 * An empty list means the group is sound as stored (its DNS claims are not checked).
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
  for (const hostname of group.hostnames) {
    const normal = normalizeHostname(hostname);
    if (!normal.ok) {
      problems.push({
        code: 'hostname-not-normal',
        hostname,
        message: `${JSON.stringify(hostname)} is not a hostname: ${normal.message}`,
      });
    } else if (normal.hostname !== hostname) {
      problems.push({
        code: 'hostname-not-normal',
        hostname,
        message: `${JSON.stringify(hostname)} is stored, but its normal form is ${JSON.stringify(normal.hostname)}`,
      });
    }
  }
  // With mixed owners or types any recomputation disagrees; the first record's are used.
  const owner = group.records[0]!.owner;
  const type = group.records[0]!.type;
  let recomputed: string;
  try {
    recomputed = calculateGroupIdV1(owner, type, group.hostnames);
  } catch (error) {
    // Only an empty owner gets here (the schema keeps types and hostnames non-empty).
    recomputed = `(none: ${(error as Error).message})`;
  }
  if (recomputed !== group.groupId) {
    problems.push({
      code: 'id-mismatch',
      message: `the stored group ID is not the one its records give: owner, type ${type} and ${group.hostnames.join(' ')} make ${recomputed}`,
    });
  }
  const symmetry = validateSymmetry(type, group.hostnames);
  if (!symmetry.ok) {
    problems.push({ code: 'symmetry-failed', message: symmetry.message });
  }
  return problems;
}
