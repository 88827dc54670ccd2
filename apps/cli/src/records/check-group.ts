import { validateSymmetry } from '@symval/attestation';
import { calculateGroupIdV1, normalizeHostname } from '@symval/groupid';
import type { StoredGroup } from '@symval/records';

/** What makes a stored group invalid, found without DNS. */
export type GroupProblemCode =
  | 'mixed-owner'
  | 'mixed-type'
  | 'hostname-invalid'
  | 'id-mismatch'
  | 'symmetry-failed';

/**
 * What is worth knowing about a stored group but does not make it invalid: the existing club
 * stored hostnames as submitted and made the group ID from those bytes.
 */
export type GroupNoteCode = 'hostname-not-normal' | 'id-from-stored-bytes';

/** One problem of a stored group. */
export interface GroupProblem {
  code: GroupProblemCode;
  message: string;
  /** The hostname at fault, when the problem is about one. */
  hostname?: string;
}

/** One note on a stored group. */
export interface GroupNote {
  code: GroupNoteCode;
  message: string;
  hostname?: string;
}

/** The offline check of a stored group. */
export interface StoredGroupCheck {
  /** Empty when the group is sound as stored (its DNS claims are not checked). */
  problems: GroupProblem[];
  notes: GroupNote[];
}

function idOrUndefined(owner: string, type: string, hostnames: readonly string[]) {
  try {
    return calculateGroupIdV1(owner, type, hostnames);
  } catch {
    // Only an empty owner gets here (the schema keeps types and hostnames non-empty).
    return undefined;
  }
}

/**
 * Checks a stored group offline, by the bytes its ID was made from: every record agrees on
 * owner and type, every hostname is a hostname, the group ID is the one its owner, type and
 * hostnames give (exactly as stored, as the existing club made IDs, or normalised, as symval
 * does), and the hostnames have the type's symmetry. A hostname stored in another form than
 * its normal one is a note, never a problem: normalising would give another ID, and the stored
 * ID is what the member published. The symmetry is checked on the normal forms.
 *
 * @example
 * checkStoredGroup(groupStoredRecords(records)[0]); // { problems: [], notes: [{ code: 'hostname-not-normal', … }] }
 */
export function checkStoredGroup(group: StoredGroup): StoredGroupCheck {
  const problems: GroupProblem[] = [];
  const notes: GroupNote[] = [];
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
  let allHostnames = true;
  for (const hostname of group.hostnames) {
    const normal = normalizeHostname(hostname);
    if (!normal.ok) {
      problems.push({
        code: 'hostname-invalid',
        hostname,
        message: `${JSON.stringify(hostname)} is not a hostname: ${normal.message}`,
      });
      // Kept as stored so the symmetry check still sees every hostname.
      normalHostnames.push(hostname);
      allHostnames = false;
      continue;
    }
    normalHostnames.push(normal.hostname);
    if (normal.hostname !== hostname) {
      notes.push({
        code: 'hostname-not-normal',
        hostname,
        message: `${JSON.stringify(hostname)} is stored as it was submitted; its normal form is ${JSON.stringify(normal.hostname)}`,
      });
    }
  }
  // With mixed owners or types any recomputation disagrees; the first record's are used.
  const owner = group.records[0]!.owner;
  const type = group.records[0]!.type;
  const asStored = idOrUndefined(owner, type, group.hostnames);
  const normalisedId = allHostnames ? idOrUndefined(owner, type, normalHostnames) : undefined;
  if (group.groupId !== normalisedId) {
    if (group.groupId === asStored) {
      notes.push({
        code: 'id-from-stored-bytes',
        message: `the group ID was made from the hostnames as stored, not from their normal form (which gives ${normalisedId ?? 'no ID'}); it is kept and re-attested by those bytes`,
      });
    } else {
      problems.push({
        code: 'id-mismatch',
        message: `the stored group ID is not the one its records give: owner, type ${type} and ${group.hostnames.join(' ')} make ${asStored ?? '(none: the owner is empty)'} as stored${normalisedId && normalisedId !== asStored ? ` and ${normalisedId} normalised` : ''}`,
      });
    }
  }
  const symmetry = validateSymmetry(type, normalHostnames);
  if (!symmetry.ok) {
    problems.push({ code: 'symmetry-failed', message: symmetry.message });
  }
  return { problems, notes };
}

/**
 * Whether `symval revalidate --drop` deletes a group with these problems: any problem does,
 * except that a group ID its records do not make (as stored or normalised) is kept unless the
 * operator also passes `--drop-id-mismatch`. Such records may be a member's, filed under the
 * wrong key; deleting them is a decision, not a clean-up. A hostname not in normal form is
 * never a reason.
 */
export function isDroppable(check: StoredGroupCheck, dropIdMismatch: boolean): boolean {
  if (check.problems.length === 0) return false;
  return dropIdMismatch || !check.problems.some((problem) => problem.code === 'id-mismatch');
}
