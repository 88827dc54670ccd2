import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findExecutable, freeDnsPort, startServerProcess, versionLine } from './server-process.js';
import type { DemoAuthority, DemoZoneData } from './types.js';

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** The zone file Knot loads: SOA, NS and the TXT records, absolute names throughout. */
export function knotZoneFile(data: DemoZoneData): string {
  const origin = `${data.zone}.`;
  const lines = [
    `$ORIGIN ${origin}`,
    '$TTL 60',
    `@ IN SOA ns.${origin} hostmaster.${origin} 1 3600 600 86400 60`,
    `@ IN NS ns.${origin}`,
    'ns IN A 127.0.0.1',
  ];
  for (const [name, values] of Object.entries(data.txt)) {
    for (const value of values) lines.push(`${name}. IN TXT ${quoted(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The knotd configuration: one zone from `dir`, on 127.0.0.1:`port`, everything kept in `dir`. */
export function knotConfig(zone: string, dir: string, port: number): string {
  return `server:
    listen: 127.0.0.1@${port}
    rundir: "${dir}"
database:
    storage: "${dir}"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "${dir}"
    file: "%s.zone"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
  - domain: ${zone}
`;
}

/** Whether Knot DNS (`knotd`) is installed. */
export function findKnot(): string | undefined {
  return findExecutable('knotd');
}

/**
 * Starts Knot DNS in the foreground as the demo zone's authoritative server, on a free
 * loopback port, with its configuration, zone file and control socket in a temporary folder.
 */
export async function startKnot(data: DemoZoneData, file = findKnot()): Promise<DemoAuthority> {
  if (!file) throw new Error('knotd is not installed');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'symval-demo-knot-'));
  try {
    const port = await freeDnsPort();
    await writeFile(path.join(dir, `${data.zone}.zone`), knotZoneFile(data));
    await writeFile(path.join(dir, 'knot.conf'), knotConfig(data.zone, dir, port));
    const server = await startServerProcess(
      file,
      ['-c', path.join(dir, 'knot.conf')],
      port,
      data.zone,
    );
    const version = (await versionLine(file))?.match(/version\s+(\S+)/)?.[1];
    return {
      kind: 'knot',
      name: version ? `Knot DNS ${version}` : 'Knot DNS',
      port,
      address: `127.0.0.1:${port}`,
      async stop() {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
