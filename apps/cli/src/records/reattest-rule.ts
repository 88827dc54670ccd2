import { type AttestResult, decideReattestAction } from '@symval/attestation';
import type { StoredGroup } from './groups.js';

/** What re-attestation does to a group's records. */
export type ReattestAction = 'update' | 'delete' | 'keep';

/** The decision for one group, with the reason in words. */
export interface ReattestDecision {
  action: ReattestAction;
  /** The attestation status; `invalid` too when a valid attestation names another group ID. */
  status: AttestResult['status'];
  why: string;
  /** For an invalid group kept within the grace period: when it becomes deletable. */
  deletableAfter?: Date;
}

/** Options of {@link explainReattestDecision}. */
export interface ReattestRuleOptions {
  now: Date;
  graceMs: number;
}

/**
 * The daily batch's re-attestation rule (`decideReattestAction` from @symval/attestation),
 * with the reason in words for the operator: refresh a group valid as stored, delete an invalid
 * one past the grace period, never delete an indeterminate one.
 *
 * @example
 * explainReattestDecision(group, result, { now: new Date(), graceMs: 72 * 3_600_000 }).action; // 'update'
 */
export function explainReattestDecision(
  group: StoredGroup,
  result: AttestResult,
  options: ReattestRuleOptions,
): ReattestDecision {
  const decision = decideReattestAction(group, result, options);
  if (decision.status === 'indeterminate') {
    return {
      action: 'keep',
      status: 'indeterminate',
      why: 'indeterminate: a DNS lookup failed; such groups are never deleted',
    };
  }
  if (decision.kind === 'refresh') {
    return { action: 'update', status: 'valid', why: 'valid: ValidateTime refreshed' };
  }
  const reason =
    result.status === 'valid'
      ? `its records attest as ${result.expectedId}, not as the stored group ID`
      : (result.reasons[0]?.message ?? 'invalid');
  const deletableAfter = new Date(group.oldestValidateTime.getTime() + options.graceMs);
  if (decision.kind === 'delete') {
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
