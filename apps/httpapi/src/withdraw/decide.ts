import type { ClaimLookup, ClaimResolver } from '@symval/attestation';

/** One hostname's part in a withdrawal verdict. */
export interface WithdrawReason {
  code: 'claim-present' | 'lookup-failed';
  domain: string;
  message: string;
}

/** Whether a group may be withdrawn now. */
export type WithdrawDecision =
  | { kind: 'withdraw' }
  | { kind: 'claims-remain'; reasons: WithdrawReason[] }
  | { kind: 'indeterminate'; reasons: WithdrawReason[] };

/** One hostname and what DNS said about its claims. */
export interface HostnameLookup {
  domain: string;
  lookup: ClaimLookup;
}

/**
 * Removing the TXT records is the proof of control: a group may go once none of its hostnames
 * carries its ID. A claim still present is certain (`claims-remain`); a failed lookup proves
 * nothing either way (`indeterminate`), so nothing is removed on it.
 */
export function decideWithdrawal(
  groupId: string,
  lookups: readonly HostnameLookup[],
): WithdrawDecision {
  const present: WithdrawReason[] = [];
  const failed: WithdrawReason[] = [];
  for (const { domain, lookup } of lookups) {
    if (lookup.status === 'error') {
      failed.push({
        code: 'lookup-failed',
        domain,
        message: `the claims of ${domain} are unknown: ${lookup.code}: ${lookup.message}`,
      });
    } else if (lookup.status === 'found' && lookup.records.includes(groupId)) {
      const where = lookup.via ? `${lookup.name} (via ${lookup.via})` : lookup.name;
      present.push({
        code: 'claim-present',
        domain,
        message: `${where} still carries ${groupId}; remove that TXT record first`,
      });
    }
  }
  if (present.length > 0) return { kind: 'claims-remain', reasons: present };
  if (failed.length > 0) return { kind: 'indeterminate', reasons: failed };
  return { kind: 'withdraw' };
}

/** Looks every hostname up at once; a resolver that rejects counts as a failed lookup. */
export async function lookupAll(
  resolver: ClaimResolver,
  hostnames: readonly string[],
): Promise<HostnameLookup[]> {
  return Promise.all(
    hostnames.map(async (domain): Promise<HostnameLookup> => {
      try {
        return { domain, lookup: await resolver.lookup(domain) };
      } catch (error) {
        return {
          domain,
          lookup: {
            status: 'error',
            name: `_suns.${domain}`,
            code: 'exception',
            message: error instanceof Error ? error.message : String(error),
          },
        };
      }
    }),
  );
}
