// The whole engine over real DNS: @symval/dns-claims against the fixture DNS server.
import { createDnsClaimResolver, type DnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attest } from './engine/attest.js';
import { reattestGroups } from './engine/reattest.js';
import type { ClaimResolver } from './engine/types.js';

const alice = 'https://alice.example';
const bob = 'https://bob.example';
const mirror = ['me.example.com', 'com.example.me'];
const mirrorId = calculateGroupIdV1(alice, 'e', mirror);
const flipId = calculateGroupIdV1(alice, 'b', ['zq.suns.bz']);
const bobFlipId = calculateGroupIdV1(bob, 'b', ['zq.suns.bz']);
const delegatedId = calculateGroupIdV1(alice, 'c', ['zq.su', 'ns.bz']);

let dns: LocalDnsServer;
let resolver: DnsClaimResolver;

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.me.example.com': { txt: [mirrorId, 'v=spf1 -all'] },
    '_suns.com.example.me': { txt: [[mirrorId.slice(0, 40), mirrorId.slice(40)]] },
    // Claimed by two owners: Bob published a claim too.
    '_suns.zq.suns.bz': { txt: [flipId, bobFlipId] },
    // Both names delegate their claim to one zone Alice controls, one CNAME hop each.
    '_suns.zq.su': { cname: 'zq-su.claims.alice.example' },
    '_suns.ns.bz': { cname: 'ns-bz.claims.alice.example' },
    'zq-su.claims.alice.example': { txt: [delegatedId] },
    'ns-bz.claims.alice.example': { txt: [delegatedId] },
    '_suns.broken.example': { behaviour: 'servfail' },
    '_suns.zb.snus.us': { behaviour: 'servfail' },
  });
  // Every name here answers (SERVFAIL is an answer): time enough for a busy machine.
  resolver = createDnsClaimResolver({ servers: [dns.address], timeoutMs: 5000, tries: 1 });
});
afterAll(async () => {
  await dns?.stop();
});

describe('attest over DNS', () => {
  it('accepts dns-claims as its ClaimResolver', () => {
    const asInterface: ClaimResolver = resolver;
    expect(typeof asInterface.lookup).toBe('function');
  });

  it('validates a mirrored pair whose claims sit in multi-chunk TXT records among other records', async () => {
    const result = await attest(
      { owner: alice, type: 'mirrornames', domains: mirror },
      { resolver },
    );
    expect(result.status).toBe('valid');
    expect(result.records?.map((record) => [record.hostname, record.groupId])).toEqual(
      mirror.map((hostname) => [hostname, mirrorId]),
    );
    expect(result.ignoredRecords).toEqual([{ domain: 'me.example.com', record: 'v=spf1 -all' }]);
  });

  it('validates claims reached through one CNAME hop and shows where they were read', async () => {
    const result = await attest(
      { owner: alice, type: 'c', domains: ['zq.su', 'ns.bz'] },
      { resolver },
    );
    expect(result.status).toBe('valid');
    expect(
      result.claims.map((claim) => claim.lookup.status === 'found' && claim.lookup.via),
    ).toEqual(['zq-su.claims.alice.example', 'ns-bz.claims.alice.example']);
  });

  it('refuses a domain claimed by two owners, for either owner', async () => {
    for (const owner of [alice, bob]) {
      const result = await attest(
        { owner, type: 'flip180', domains: ['zq.suns.bz'] },
        { resolver },
      );
      expect(result.status).toBe('invalid');
      expect(result.reasons).toEqual([
        expect.objectContaining({ code: 'owner-conflict', domain: 'zq.suns.bz' }),
      ]);
      expect(result.groupIdCount).toBe(2);
    }
  });

  it('is indeterminate when DNS fails and nothing else is wrong', async () => {
    const id = calculateGroupIdV1(alice, 'e', ['broken.example', 'example.broken']);
    dns.setRecord('_suns.example.broken', { txt: [id] });
    const result = await attest(
      { owner: alice, type: 'e', domains: ['broken.example', 'example.broken'] },
      { resolver },
    );
    expect(result.status).toBe('indeterminate');
    expect(result.reasons).toEqual([
      expect.objectContaining({
        code: 'lookup-failed',
        domain: 'broken.example',
        message: expect.stringContaining('servfail'),
      }),
    ]);
  });

  it('is invalid when one name has no claim even though the other failed to resolve', async () => {
    const result = await attest(
      { owner: alice, type: 'f', domains: ['su.suns.bz', 'zb.snus.us'] },
      { resolver },
    );
    expect(result.status).toBe('invalid');
    expect(result.reasons.map((reason) => [reason.code, reason.domain])).toEqual([
      ['missing-claim', 'su.suns.bz'],
      ['lookup-failed', 'zb.snus.us'],
    ]);
  });

  it('makes no DNS query for invalid input', async () => {
    dns.clearQueries();
    const result = await attest({ owner: '', type: 'e', domains: mirror }, { resolver });
    expect(result.status).toBe('invalid');
    expect(dns.queries).toEqual([]);
  });
});

describe('reattestGroups over DNS', () => {
  it('re-attests a batch with one result per group', async () => {
    const outcomes = await reattestGroups(
      [
        { owner: alice, type: 'e', domains: mirror },
        { owner: alice, type: 'b', domains: ['zq.suns.bz'] },
        { owner: alice, type: 'c', domains: ['zq.su', 'ns.bz'] },
      ],
      { resolver, concurrency: 2 },
    );
    expect(outcomes.map((outcome) => outcome.result.status)).toEqual(['valid', 'invalid', 'valid']);
  });
});
