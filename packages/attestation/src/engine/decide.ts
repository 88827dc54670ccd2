import type { AttestResult } from './types.js';

/** What to do with a stored group's records after re-attesting it. */
export type ReattestAction =
  /** Valid: set ValidateTime on every record whose Rev is unchanged. */
  | { kind: 'refresh'; status: 'valid' }
  /** Invalid past the grace period: delete every record whose Rev is unchanged. */
  | { kind: 'delete'; status: 'invalid' }
  /** Invalid within grace, or indeterminate (DNS failed): nothing is written. */
  | { kind: 'keep'; status: 'invalid' | 'indeterminate' }
  /**
   * Invalid by today's rules but never deleted by re-attestation, however old: the stored group
   * cannot be judged by its claims alone, so an operator decides (see {@link StoredGroupHold}).
   */
  | { kind: 'keep'; status: 'invalid'; held: StoredGroupHold };

/**
 * Why a stored group is kept although it is invalid (`reattestStoredGroup` decides it):
 * - `input`: its stored fields are not valid input today (a hostname symval refuses, the wrong
 *   number of hostnames for its type, an owner with a control character), so its claims cannot
 *   be checked; it was admitted once.
 * - `id-unreproducible`: its group ID is made neither from its stored fields nor from their
 *   normal form, so claims of that ID say nothing about these records.
 * - `symmetry`: its hostnames lack the type's symmetry by today's validator (the existing club
 *   admitted mirrortext groups without checking), but every claim still carries its ID.
 */
export type StoredGroupHold = 'input' | 'id-unreproducible' | 'symmetry';

/**
 * A stored group as re-attestation judges it: the group ID its records are stored under and
 * the stored fields that ID was made from, exactly as stored (`groupStoredRecords` of
 * `@symval/records` gives this shape).
 */
export interface StoredGroup {
  /** The group ID the records are stored under. */
  groupId: string;
  /** The owner as stored. */
  owner: string;
  /** The symmetry type code (or name) as stored. */
  type: string;
  /** The hostnames as stored. */
  hostnames: readonly string[];
  /** The oldest ValidateTime among the group's records. */
  oldestValidateTime: Date;
}

/** Options of {@link decideReattestAction}. */
export interface DecideReattestOptions {
  now: Date;
  /** How long an invalid group is kept, in milliseconds (the daily job uses 72 h). */
  graceMs: number;
}

/**
 * The re-attestation rule, shared by the daily job and the CLI. A group is refreshed only when
 * it is valid **as stored** (the ID attested is the stored group ID). An invalid group goes
 * once its oldest ValidateTime is older than the grace period, so a member whose DNS broke
 * briefly keeps the membership. An indeterminate group (a lookup failed) is never deleted,
 * however old: a DNS outage proves nothing.
 *
 * @example
 * decideReattestAction(group, await attest(input, { resolver }), { now: new Date(), graceMs: 72 * 3600_000 });
 * // { kind: 'refresh', status: 'valid' }
 */
export function decideReattestAction(
  group: Pick<StoredGroup, 'groupId' | 'oldestValidateTime'>,
  result: AttestResult,
  options: DecideReattestOptions,
): ReattestAction {
  if (result.status === 'indeterminate') return { kind: 'keep', status: 'indeterminate' };
  if (result.status === 'valid' && result.expectedId === group.groupId) {
    return { kind: 'refresh', status: 'valid' };
  }
  const age = options.now.getTime() - group.oldestValidateTime.getTime();
  return age > options.graceMs
    ? { kind: 'delete', status: 'invalid' }
    : { kind: 'keep', status: 'invalid' };
}
