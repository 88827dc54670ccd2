import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { AttestationError } from '../errors.js';
import { reattestGroups, reattestStoredGroups } from './reattest.js';
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

describe('reattestStoredGroups', () => {
  const HOUR = 3_600_000;
  const now = new Date('2026-11-23T00:00:00Z');
  const graceMs = 72 * HOUR;
  const stored = groups.map((group, i) => ({
    groupId: calculateGroupIdV1(owner, 'e', group.domains),
    owner,
    type: 'e',
    hostnames: group.domains,
    // Group 3 (claims lost) last validated 100 h ago; group 4 10 h ago.
    oldestValidateTime: new Date(now.getTime() - (i === 4 ? 10 : 100) * HOUR),
    rev: i,
  }));

  it('judges each stored group: refreshed when valid as stored, deleted past grace, in input order', async () => {
    const verdicts = await reattestStoredGroups(stored, {
      resolver: createStaticClaimResolver(records),
      concurrency: 2,
      now,
      graceMs,
    });
    expect(verdicts.map((v) => [v.group.rev, v.action.kind, v.action.status])).toEqual([
      [0, 'refresh', 'valid'],
      [1, 'refresh', 'valid'],
      [2, 'refresh', 'valid'],
      [3, 'delete', 'invalid'],
      [4, 'refresh', 'valid'],
      [5, 'refresh', 'valid'],
    ]);
    expect(verdicts[0]!.group).toBe(stored[0]);
    expect(verdicts[0]!.time).toEqual(now);
    expect(verdicts[0]!.result.records?.[0]?.validateTime).toEqual(now);
  });

  it('keeps an invalid group within grace, and holds one stored under an ID its fields do not make', async () => {
    const recent = { ...stored[3]!, oldestValidateTime: new Date(now.getTime() - 10 * HOUR) };
    const misfiled = { ...stored[0]!, groupId: stored[1]!.groupId };
    const [kept, notRefreshed] = await reattestStoredGroups([recent, misfiled], {
      resolver: createStaticClaimResolver(records),
      now,
      graceMs,
    });
    expect(kept!.action).toEqual({ kind: 'keep', status: 'invalid' });
    // Its fields attest as their own ID, not the stored one: never refreshed, and never
    // deleted by re-attestation either (an operator decides).
    expect(notRefreshed!.result.status).toBe('valid');
    expect(notRefreshed!.storedId.origin).toBe('unreproducible');
    expect(notRefreshed!.action).toEqual({
      kind: 'keep',
      status: 'invalid',
      held: 'id-unreproducible',
    });
  });

  it('never deletes a group whose lookups failed, and reports progress after each group', async () => {
    const failing = createStaticClaimResolver(
      Object.fromEntries(stored[0]!.hostnames.map((h) => [h, { error: 'timeout' }])),
    );
    const seen: Array<[number, number, string]> = [];
    await reattestStoredGroups([stored[0]!], {
      resolver: failing,
      now: () => now,
      graceMs: 0,
      onProgress: ({ done, total, action }) => seen.push([done, total, action.kind]),
    });
    expect(seen).toEqual([[1, 1, 'keep']]);
  });

  it('rejects bad options before any lookup', async () => {
    const resolver = createStaticClaimResolver(records);
    await expect(reattestStoredGroups(stored, { resolver, graceMs: -1 })).rejects.toThrow(
      /graceMs must be a number of milliseconds >= 0, received -1/,
    );
    await expect(reattestStoredGroups(stored, { resolver } as never)).rejects.toThrow(/graceMs/);
    await expect(
      reattestStoredGroups(stored, { resolver, graceMs: 0, concurrency: 2000 }),
    ).rejects.toBeInstanceOf(AttestationError);
    expect(resolver.lookups).toEqual([]);
  });
});
