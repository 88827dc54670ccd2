import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { checkStoredGroupId, reattestStoredGroup } from './reattest-stored.js';
import { createStaticClaimResolver } from './static-resolver.js';

const HOUR = 3_600_000;
const now = new Date('2026-12-01T00:00:00Z');
const graceMs = 72 * HOUR;
const owner = 'https://club.example';
const longAgo = new Date(now.getTime() - 500 * HOUR);

/** A group as the existing club stored it: the ID hashed from the hostnames as submitted. */
function stored(
  type: string,
  hostnames: string[],
  groupId = calculateGroupIdV1(owner, type, hostnames),
) {
  return { groupId, owner, type, hostnames, oldestValidateTime: longAgo };
}

describe('checkStoredGroupId', () => {
  it('tells which bytes the stored ID was made from', () => {
    const normal = stored('b', ['zq.suns.bz']);
    const upper = stored('b', ['ZQ.suns.bz']);
    const dotted = stored('a', ['zb.snus.suns.bz.']);
    expect(checkStoredGroupId(normal)).toEqual({
      origin: 'normalised',
      normalisedId: normal.groupId,
      storedBytesId: normal.groupId,
    });
    expect(checkStoredGroupId(upper)).toEqual({
      origin: 'stored-bytes',
      normalisedId: normal.groupId,
      storedBytesId: upper.groupId,
    });
    expect(checkStoredGroupId(dotted).origin).toBe('stored-bytes');
    expect(checkStoredGroupId({ ...upper, groupId: dotted.groupId })).toEqual({
      origin: 'unreproducible',
      normalisedId: normal.groupId,
      storedBytesId: upper.groupId,
    });
  });
});

describe('reattestStoredGroup: the bytes a stored ID was made from', () => {
  it('refreshes a group stored with uppercase and trailing-dot hostnames while its claims hold the stored ID', async () => {
    const group = stored('e', ['Me.Example.COM.', 'com.example.me']);
    const resolver = createStaticClaimResolver({
      'me.example.com': [group.groupId],
      'com.example.me': [group.groupId],
    });
    const verdict = await reattestStoredGroup(group, { resolver, graceMs, now });
    expect(verdict.storedId.origin).toBe('stored-bytes');
    expect(verdict.action).toEqual({ kind: 'refresh', status: 'valid' });
    expect(verdict.result.expectedId).toBe(group.groupId);
    // DNS is asked for the normal form; the records are named as stored.
    expect([...resolver.lookups].sort()).toEqual(['com.example.me', 'me.example.com']);
    expect(verdict.result.records?.map((r) => [r.hostname, r.groupId])).toEqual([
      ['Me.Example.COM.', group.groupId],
      ['com.example.me', group.groupId],
    ]);
  });

  it('judges it invalid, as usual, once its claims no longer hold the stored ID', async () => {
    const group = stored('b', ['ZQ.suns.bz']);
    // The member now publishes the normalised ID (and has attested it anew, under that ID).
    const resolver = createStaticClaimResolver({
      'zq.suns.bz': [calculateGroupIdV1(owner, 'b', ['zq.suns.bz'])],
    });
    const verdict = await reattestStoredGroup(group, { resolver, graceMs, now });
    expect(verdict.result.status).toBe('invalid');
    expect(verdict.result.reasons.map((r) => r.code)).toEqual(['missing-claim']);
    expect(verdict.action).toEqual({ kind: 'delete', status: 'invalid' });
  });

  it('still judges symval groups, stored normalised, by the normalised ID', async () => {
    const group = stored('b', ['zq.suns.bz']);
    const verdict = await reattestStoredGroup(group, {
      resolver: createStaticClaimResolver({ 'zq.suns.bz': [group.groupId] }),
      graceMs,
      now,
    });
    expect(verdict.storedId.origin).toBe('normalised');
    expect(verdict.action).toEqual({ kind: 'refresh', status: 'valid' });
    expect(verdict.time).toEqual(now);
  });
});

describe('reattestStoredGroup: groups it keeps for an operator', () => {
  it('holds a group whose fields are not valid input today, without a lookup', async () => {
    const partial = stored(
      'e',
      ['me.example.com'],
      stored('e', ['me.example.com', 'com.example.me']).groupId,
    );
    const underscore = stored('a', ['my_host.example']);
    const resolver = createStaticClaimResolver({});
    for (const group of [partial, underscore]) {
      const verdict = await reattestStoredGroup(group, { resolver, graceMs, now });
      expect(verdict.action).toEqual({ kind: 'keep', status: 'invalid', held: 'input' });
      expect(verdict.result.status).toBe('invalid');
    }
    expect(resolver.lookups).toEqual([]);
  });

  it('holds a group whose ID its fields do not make, reporting how its fields attest', async () => {
    const other = stored('b', ['zq.suns.bz']);
    const group = { ...stored('b', ['ZQ.SU.NS.bz']), groupId: other.groupId };
    const verdict = await reattestStoredGroup(group, {
      resolver: createStaticClaimResolver({}),
      graceMs,
      now,
    });
    expect(verdict.storedId.origin).toBe('unreproducible');
    expect(verdict.action).toEqual({ kind: 'keep', status: 'invalid', held: 'id-unreproducible' });
    expect(verdict.result.reasons.map((r) => r.code)).toEqual(['missing-claim']);
  });

  it('holds a mirrortext group the existing club admitted without the symmetry, while its claims hold', async () => {
    // The existing club's mirrortext check accepted anything; "dob.bob" does not mirror.
    const group = stored('d', ['DOB.bob']);
    const claimed = await reattestStoredGroup(group, {
      resolver: createStaticClaimResolver({ 'dob.bob': [group.groupId] }),
      graceMs,
      now,
    });
    expect(claimed.result.reasons.map((r) => r.code)).toEqual(['symmetry-failed']);
    expect(claimed.result.claims.map((c) => c.groupIds)).toEqual([[group.groupId]]);
    expect(claimed.action).toEqual({ kind: 'keep', status: 'invalid', held: 'symmetry' });

    const unknown = await reattestStoredGroup(group, {
      resolver: createStaticClaimResolver({ 'dob.bob': { error: 'timeout' } }),
      graceMs,
      now,
    });
    expect(unknown.action).toEqual({ kind: 'keep', status: 'indeterminate' });

    const gone = await reattestStoredGroup(group, {
      resolver: createStaticClaimResolver({}),
      graceMs,
      now,
    });
    expect(gone.result.reasons.map((r) => r.code)).toEqual(['symmetry-failed', 'missing-claim']);
    expect(gone.action).toEqual({ kind: 'delete', status: 'invalid' });
  });

  it('refreshes a mirrortext group that has the symmetry, stored in uppercase', async () => {
    const group = stored('d', ['DUQ.xodbox.pub']);
    const verdict = await reattestStoredGroup(group, {
      resolver: createStaticClaimResolver({ 'duq.xodbox.pub': [group.groupId] }),
      graceMs,
      now,
    });
    expect(verdict.action).toEqual({ kind: 'refresh', status: 'valid' });
  });
});
