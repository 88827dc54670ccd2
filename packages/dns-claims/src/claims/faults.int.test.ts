// dns-claims' own UDP and TCP transport behind the fault proxy from local-services: the
// failures a real resolver path has, injected on schedule.
import {
  type DnsFaultProxy,
  type DnsFaultRule,
  type LocalDnsServer,
  startDnsFaultProxy,
  startDnsServer,
} from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsClaimResolver } from './resolver.js';

const ID =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

let dns: LocalDnsServer;
const proxies: DnsFaultProxy[] = [];

beforeAll(async () => {
  dns = await startDnsServer({ '_suns.member.example': { txt: [ID] } });
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await dns.stop();
});

// Two seconds per try: the proxy adds a hop on a machine busy with other work. Only the silence
// test waits for a try to time out.
async function claimsBehind(rules: DnsFaultRule[], timeoutMs = 2_000) {
  const proxy = await startDnsFaultProxy({ target: dns, seed: 2024, rules });
  proxies.push(proxy);
  const claims = createDnsClaimResolver({ servers: [proxy.address], timeoutMs, tries: 2 });
  return { proxy, claims };
}

describe('claim lookups under DNS faults', () => {
  it('finds the claim on the second try after a SERVFAIL', async () => {
    const { proxy, claims } = await claimsBehind([
      { match: 'TXT _suns.member.example', nth: [1], fault: { type: 'servfail' } },
    ]);
    expect(await claims.lookup('member.example')).toMatchObject({ status: 'found', records: [ID] });
    expect(proxy.log.map((entry) => entry.fault)).toEqual(['servfail']);
  });

  it('reports SERVFAIL on every try as an error, never as a missing claim', async () => {
    const { proxy, claims } = await claimsBehind([
      { match: '*', probability: 1, fault: { type: 'servfail' } },
    ]);
    const result = await claims.lookup('member.example');
    expect(result).toMatchObject({ status: 'error', code: 'servfail' });
    expect(proxy.stats.byFault).toEqual({ servfail: 2 });
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    const { proxy, claims } = await claimsBehind([
      { match: '*', probability: 1, fault: { type: 'truncate' } },
    ]);
    dns.clearQueries();
    expect(await claims.lookup('member.example')).toMatchObject({ status: 'found', records: [ID] });
    expect(dns.queries.map((query) => query.transport)).toEqual(['tcp']);
    expect(proxy.log.map((entry) => `${entry.resource} ${entry.fault}`)).toEqual(['udp truncate']);
  });

  it('says truncated when TCP fails after a truncated UDP answer', async () => {
    const { claims } = await claimsBehind([
      { match: '*', probability: 1, fault: { type: 'truncate' } },
      { match: '*', probability: 1, fault: { type: 'close' } },
    ]);
    expect(await claims.lookup('member.example')).toMatchObject({
      status: 'error',
      code: 'truncated',
    });
  });

  it('times out on a silent first try and finds the claim on the second', async () => {
    const { claims } = await claimsBehind([{ match: '*', nth: [1], fault: { type: 'silence' } }]);
    expect(await claims.lookup('member.example')).toMatchObject({ status: 'found', records: [ID] });
  });
});
