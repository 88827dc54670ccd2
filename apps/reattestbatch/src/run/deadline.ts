import type { AttestResult, ClaimLookup, ClaimResolver } from '@symval/attestation';

/** The lookup error code of a lookup not made because the run is out of time. */
export const DEADLINE_CODE = 'deadline';

/**
 * Wraps a resolver so that once `pastDeadline()` says so, lookups answer at once with an
 * error instead of querying DNS. `reattestGroups` then runs through the groups left without
 * any DNS work, and those groups are recognised by {@link wasCutShort} and left untouched.
 */
export function withDeadline(resolver: ClaimResolver, pastDeadline: () => boolean): ClaimResolver {
  return {
    lookup(domain: string): Promise<ClaimLookup> {
      if (pastDeadline()) {
        return Promise.resolve({
          status: 'error',
          name: `_suns.${domain}`,
          code: DEADLINE_CODE,
          message: 'not looked up: the run stopped before the Lambda time limit',
        });
      }
      return resolver.lookup(domain);
    },
  };
}

/** Whether any lookup of this result was skipped for the deadline. */
export function wasCutShort(result: AttestResult): boolean {
  return result.claims.some(
    (claim) => claim.lookup.status === 'error' && claim.lookup.code === DEADLINE_CODE,
  );
}
