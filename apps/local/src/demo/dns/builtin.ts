import { type DnsZones, startDnsServer } from '@symval/local-services';
import type { DemoAuthority, DemoZoneData } from './types.js';

/** Starts `startDnsServer` of `@symval/local-services` with the demo zone's records. */
export async function startBuiltinDns(data: DemoZoneData): Promise<DemoAuthority> {
  const zones: DnsZones = {};
  for (const [name, values] of Object.entries(data.txt)) zones[name] = { txt: [...values] };
  const server = await startDnsServer(zones);
  return {
    kind: 'builtin',
    name: 'the built-in DNS server',
    port: server.port,
    address: server.address,
    stop: () => server.stop(),
  };
}
