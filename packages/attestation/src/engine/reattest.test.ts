import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { AttestationError } from '../errors.js';
import { reattestGroups } from './reattest.js';
import { createStaticClaimResolver } from './static-resolver.js';
import type { ClaimLookup, ClaimResolver } from './types.js';

const owner = 'https://me.example';
const groups = Array.from({ length: 6 }, (_, i) => ({
  owner,
  type: 'e',
  domains: [`me${i}.example.com`, `com.example.me${i}`],
  rev: i,
}));
const records = Object.fromEntries(
  groups.flatMap((group, i) =>
    // Group 3 has lost its claims; the others are intact.
    i === 3
      ? []
      : group.domains.map((domain) => [domain, [calculateGroupIdV1(owner, 'e', group.domains)]]),
  ),
);

describe('reattestGroups', () => {
  it('returns one outcome per group in input order, passing extra group fields through', async () => {
    const outcomes = await reattestGroups(groups, {
      resolver: createStaticClaimResolver(records),
      concurrency: 2,
    });
    expect(outcomes.map((outcome) => [outcome.group.rev, outcome.result.status])).toEqual([
      [0, 'valid'],
      [1, 'valid'],
      [2, 'valid'],
      [3, 'invalid'],
      [4, 'valid'],
      [5, 'valid'],
    ]);
    expect(outcomes[0]!.group).toBe(groups[0]);
  });

  it('reports progress after every group with a running count', async () => {
    const seen: Array<[number, number]> = [];
    await reattestGroups(groups, {
      resolver: createStaticClaimResolver(records),
      onProgress: ({ done, total }) => seen.push([done, total]),
    });
    expect(seen).toEqual(groups.map((_, i) => [i + 1, 6]));
  });

  it('keeps at most `concurrency` groups in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    const resolver: ClaimResolver = {
      async lookup(domain): Promise<ClaimLookup> {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => waiting.push(resolve));
        inFlight--;
        return { status: 'none', name: `_suns.${domain}`, detail: 'none' };
      },
    };
    const run = reattestGroups(groups, { resolver, concurrency: 2 });
    // Release lookups one at a time until every group is done.
    while (true) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = waiting.shift();
      if (!next) break;
      next();
    }
    const outcomes = await run;
    expect(outcomes).toHaveLength(6);
    expect(most).toBe(4); // two groups of two lookups each
  });

  it('passes the clock on to every attestation', async () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const [first] = await reattestGroups(groups.slice(0, 1), {
      resolver: createStaticClaimResolver(records),
      now,
    });
    expect(first!.result.records?.[0]?.validateTime).toEqual(now);
  });

  it('rejects bad options before any lookup', async () => {
    const resolver = createStaticClaimResolver(records);
    await expect(reattestGroups(groups, { resolver, concurrency: 0 })).rejects.toThrow(
      /concurrency must be an integer from 1 to 1024, received 0/,
    );
    await expect(reattestGroups(groups, { resolver, parallel: 2 } as never)).rejects.toBeInstanceOf(
      AttestationError,
    );
    await expect(reattestGroups('x' as never, { resolver })).rejects.toThrow(
      /groups must be an array/,
    );
    expect(resolver.lookups).toEqual([]);
  });
});
