import { attest, timeOf } from './attest.js';
import { decideReattestAction, type ReattestAction, type StoredGroup } from './decide.js';
import type { AttestOptions, AttestResult } from './types.js';

/** Options of {@link reattestStoredGroup}. */
export interface ReattestStoredGroupOptions extends AttestOptions {
  /** How long an invalid group is kept, in milliseconds, from its oldest ValidateTime. */
  graceMs: number;
}

/** A stored group re-attested: the attestation, what to do with its records, and when. */
export interface StoredGroupVerdict<G extends StoredGroup = StoredGroup> {
  /** The group as given, extra fields included. */
  group: G;
  result: AttestResult;
  action: ReattestAction;
  /**
   * When it was judged: the validation time a `refresh` writes (the attestation's) and the
   * moment the grace period is measured to.
   */
  time: Date;
}

/**
 * Re-attests one stored group and decides what to do with its records
 * ({@link decideReattestAction}). This is the one place that says how a stored group is
 * judged, for the daily batch and the CLI alike: today it is attested like new input (its
 * stored owner, type and hostnames) and must come out as its stored group ID to be refreshed.
 * Options are not checked here; `reattestStoredGroups` checks them once for a whole batch.
 *
 * @example
 * const verdict = await reattestStoredGroup(group, { resolver, graceMs: 72 * 3_600_000 });
 * verdict.action; // { kind: 'refresh', status: 'valid' }
 */
export async function reattestStoredGroup<G extends StoredGroup>(
  group: G,
  options: ReattestStoredGroupOptions,
): Promise<StoredGroupVerdict<G>> {
  const attestOptions: AttestOptions = { resolver: options.resolver };
  if (options.now !== undefined) attestOptions.now = options.now;
  const result = await attest(
    { owner: group.owner, type: group.type, domains: group.hostnames },
    attestOptions,
  );
  const time = result.records?.[0]?.validateTime ?? timeOf(options.now);
  const action = decideReattestAction(group, result, { now: time, graceMs: options.graceMs });
  return { group, result, action, time };
}
