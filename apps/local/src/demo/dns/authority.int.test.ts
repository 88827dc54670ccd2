// Each server the demo can use answers the demo zone the same way, read through Node's
// resolver as the handlers read it. Knot and dnsmasq are skipped, visibly, when not installed.
import { Resolver } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_EXAMPLES, DEMO_ZONE, demoTxtRecords } from '../demo-zone.js';
import { startDemoAuthority } from './authority.js';
import { startBuiltinDns } from './builtin.js';
import { findDnsmasq, startDnsmasq } from './dnsmasq.js';
import { findKnot, startKnot } from './knot.js';
import type { DemoAuthority, DemoZoneData } from './types.js';

const data: DemoZoneData = { zone: DEMO_ZONE, txt: demoTxtRecords() };
const example = DEMO_EXAMPLES.curl;

function resolverFor(authority: DemoAuthority): Resolver {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([authority.address]);
  return resolver;
}

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
}

const servers: Array<[string, boolean, (data: DemoZoneData) => Promise<DemoAuthority>]> = [
  ['Knot DNS', findKnot() !== undefined, startKnot],
  ['dnsmasq', findDnsmasq() !== undefined, startDnsmasq],
  ['the built-in server', true, startBuiltinDns],
];

describe.each(servers)('the demo zone from %s', (_name, installed, start) => {
  it.skipIf(!installed)(
    'answers the TXT records, and NXDOMAIN for other names of the zone',
    async () => {
      const authority = await start(data);
      try {
        const resolver = resolverFor(authority);
        expect(await resolver.resolveTxt(`_suns.${example.hostnames[0]}`)).toEqual([
          [example.groupId],
        ]);
        expect(await errorCode(resolver.resolveTxt(`_suns.nobody.${DEMO_ZONE}`))).toBe('ENOTFOUND');
      } finally {
        await authority.stop();
      }
      // Stopped means gone: the port answers no more.
      expect(
        await errorCode(resolverFor(authority).resolveTxt(`_suns.${example.hostnames[0]}`)),
      ).toMatch(/ECONNREFUSED|ETIMEOUT/);
    },
  );
});

describe('startDemoAuthority', () => {
  it('takes Knot, then dnsmasq, then the built-in server, saying why it skipped one', async () => {
    const chosen = await startDemoAuthority(data);
    try {
      const expected = findKnot() ? 'knot' : findDnsmasq() ? 'dnsmasq' : 'builtin';
      expect(chosen.authority.kind).toBe(expected);
      expect(chosen.skipped).toEqual([
        ...(findKnot() ? [] : ['Knot DNS is not installed']),
        ...(findKnot() || findDnsmasq() ? [] : ['dnsmasq is not installed']),
      ]);
    } finally {
      await chosen.authority.stop();
    }
    const builtin = await startDemoAuthority(data, ['builtin']);
    try {
      expect(builtin.authority).toMatchObject({ kind: 'builtin', name: 'the built-in DNS server' });
      expect(
        await resolverFor(builtin.authority).resolveTxt(`_suns.${example.hostnames[0]}`),
      ).toEqual([[example.groupId]]);
    } finally {
      await builtin.authority.stop();
    }
  });
});
