import { findExecutable, freeDnsPort, startServerProcess, versionLine } from './server-process.js';
import type { DemoAuthority, DemoZoneData } from './types.js';

/** Whether dnsmasq is installed. */
export function findDnsmasq(): string | undefined {
  return findExecutable('dnsmasq');
}

/** dnsmasq's arguments: the TXT records, NXDOMAIN for other names of the zone, nothing else. */
export function dnsmasqArgs(data: DemoZoneData, port: number): string[] {
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--no-poll',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    // No pid file: it would need root's /run.
    '--pid-file=',
    `--local=/${data.zone}/`,
    '--log-facility=-',
  ];
  for (const [name, values] of Object.entries(data.txt)) {
    // Passed without a shell; group IDs hold no commas, which would split the strings.
    for (const value of values) args.push(`--txt-record=${name},${value}`);
  }
  return args;
}

/** Starts dnsmasq in the foreground as the demo zone's server, on a free loopback port. */
export async function startDnsmasq(
  data: DemoZoneData,
  file = findDnsmasq(),
): Promise<DemoAuthority> {
  if (!file) throw new Error('dnsmasq is not installed');
  const port = await freeDnsPort();
  const server = await startServerProcess(file, dnsmasqArgs(data, port), port, data.zone);
  const version = (await versionLine(file))?.match(/version\s+(\S+)/i)?.[1];
  return {
    kind: 'dnsmasq',
    name: version ? `dnsmasq ${version}` : 'dnsmasq',
    port,
    address: `127.0.0.1:${port}`,
    stop: () => server.stop(),
  };
}
