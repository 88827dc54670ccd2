import type { AttestResult } from '@symval/attestation';
import type { BatchGroup } from './groups.js';

/** What to do with a group's records after re-attesting it. */
export type GroupAction =
  /** Valid: set ValidateTime on every record whose Rev is unchanged. */
  | { kind: 'refresh'; status: 'valid' }
  /** Invalid past the grace period: delete every record whose Rev is unchanged. */
  | { kind: 'delete'; status: 'invalid' }
  /** Invalid within grace, or indeterminate (DNS failed): nothing is written. */
  | { kind: 'keep'; status: 'invalid' | 'indeterminate' };

/** Options of {@link decideGroupAction}. */
export interface DecideOptions {
  now: Date;
  graceMs: number;
}

/**
 * The re-attestation rule. A group is refreshed only when it is valid **as stored** (the ID
 * attested is the stored group ID). An invalid group goes once its oldest ValidateTime is older
 * than the grace period, so a member whose DNS broke briefly keeps the membership. An
 * indeterminate group (a lookup failed) is never deleted, however old: a DNS outage proves
 * nothing.
 */
export function decideGroupAction(
  group: BatchGroup,
  result: AttestResult,
  options: DecideOptions,
): GroupAction {
  if (result.status === 'indeterminate') return { kind: 'keep', status: 'indeterminate' };
  if (result.status === 'valid' && result.expectedId === group.groupId) {
    return { kind: 'refresh', status: 'valid' };
  }
  const age = options.now.getTime() - group.oldestValidateTime.getTime();
  return age > options.graceMs
    ? { kind: 'delete', status: 'invalid' }
    : { kind: 'keep', status: 'invalid' };
}
