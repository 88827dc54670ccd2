import { getServers } from 'node:dns';
import { type DnsServerAddress, parseDnsServer } from '@symval/dns-claims';
import { DEMO_ZONE, demoTxtRecords } from './demo-zone.js';
import { startDemoAuthority } from './dns/authority.js';
import type { DemoAuthority } from './dns/types.js';
import { type SplitDns, startSplitDns } from './split-dns.js';

/** The demo's DNS: the zone's server and the forwarder the handlers ask. */
export interface DemoDns {
  authority: DemoAuthority;
  /** Servers tried before `authority` and why they were not used. */
  skipped: string[];
  /** What answers the names outside the zone, for people: `DNS_SERVERS=…` or the system resolver. */
  upstream: string;
  /** The address for the handlers' `DNS_SERVERS`. */
  address: string;
  stop(): Promise<void>;
}

/**
 * Starts the demo zone's server (see `startDemoAuthority`) and a split forwarder in front of
 * it: names in the zone are answered by the local server, all others by `dnsServers` (the
 * entries of `DNS_SERVERS`, already checked) or, without them, by the system resolver's
 * servers, so `--demo` and `DNS_SERVERS` combine.
 */
export async function startDemoDns(dnsServers: readonly string[] | undefined): Promise<DemoDns> {
  const { authority, skipped } = await startDemoAuthority({
    zone: DEMO_ZONE,
    txt: demoTxtRecords(),
  });
  let front: SplitDns;
  let upstream: DnsServerAddress[];
  try {
    upstream = (dnsServers ?? getServers()).map(parseDnsServer);
    front = await startSplitDns({
      zone: DEMO_ZONE,
      local: { host: '127.0.0.1', port: authority.port, family: 4 },
      upstream,
    });
  } catch (error) {
    await authority.stop();
    throw error;
  }
  const servers = upstream.map((server) => server.label).join(',');
  return {
    authority,
    skipped,
    upstream: dnsServers
      ? `DNS_SERVERS=${servers}`
      : `the system resolver (${servers || 'no servers configured'})`,
    address: front.address,
    async stop() {
      await front.stop();
      await authority.stop();
    },
  };
}
