import type { AttestResult, ReattestAction } from '@symval/attestation';

/** What re-attestation does to a group's records, in the CLI's words. */
export type ReattestActionWord = 'update' | 'delete' | 'keep';

/** The decision for one group, with the reason in words. */
export interface ReattestDecision {
  action: ReattestActionWord;
  /** The attestation status; `invalid` too when a valid attestation names another group ID. */
  status: AttestResult['status'];
  why: string;
  /** For an invalid group kept within the grace period: when it becomes deletable. */
  deletableAfter?: Date;
  /** Why an invalid group is kept for an operator, never deleted by re-attestation. */
  held?: HoldReason;
}

/** Why `reattestStoredGroups` keeps an invalid group for an operator. */
export type HoldReason = Extract<ReattestAction, { held: unknown }>['held'];

const HOLD_WORDS: Record<HoldReason, string> = {
  input: 'its stored fields are not valid input today, so its claims cannot be checked',
  'id-unreproducible':
    'its group ID is made neither from its records as stored nor from their normal form',
  symmetry:
    "its hostnames lack the type's symmetry by today's rules, but every claim still carries its ID",
};

/** A group's verdict as `reattestStoredGroups` of @symval/attestation gives it. */
export interface JudgedGroup {
  group: { oldestValidateTime: Date };
  result: AttestResult;
  action: ReattestAction;
}

/**
 * The daily batch's decision for a group (`reattestStoredGroups` from @symval/attestation),
 * with the reason in words for the operator: refresh a group valid as stored, delete an invalid
 * one past the grace period, never delete an indeterminate one.
 *
 * @example
 * explainReattestDecision(verdict, 72 * 3_600_000).action; // 'update'
 */
export function explainReattestDecision(verdict: JudgedGroup, graceMs: number): ReattestDecision {
  const { group, result, action } = verdict;
  if (action.status === 'indeterminate') {
    return {
      action: 'keep',
      status: 'indeterminate',
      why: 'indeterminate: a DNS lookup failed; such groups are never deleted',
    };
  }
  if (action.kind === 'refresh') {
    return { action: 'update', status: 'valid', why: 'valid: ValidateTime refreshed' };
  }
  if ('held' in action) {
    return {
      action: 'keep',
      status: 'invalid',
      why: `kept for an operator, never deleted by re-attestation: ${HOLD_WORDS[action.held]} (${result.reasons[0]?.message ?? result.status})`,
      held: action.held,
    };
  }
  const reason =
    result.status === 'valid'
      ? `its records attest as ${result.expectedId}, not as the stored group ID`
      : (result.reasons[0]?.message ?? 'invalid');
  const deletableAfter = new Date(group.oldestValidateTime.getTime() + graceMs);
  if (action.kind === 'delete') {
    return {
      action: 'delete',
      status: 'invalid',
      why: `invalid past the grace period (last valid ${group.oldestValidateTime.toISOString()}): ${reason}`,
    };
  }
  return {
    action: 'keep',
    status: 'invalid',
    why: `invalid within the grace period (deletable after ${deletableAfter.toISOString()}): ${reason}`,
    deletableAfter,
  };
}
