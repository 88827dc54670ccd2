// Starts Debian's dnsmasq on a free loopback port as a second, independent DNS
// implementation: the claims resolver must read what real server software sends, not only
// what the dns2 fixture server writes.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';

export interface Dnsmasq {
  address: string;
  stop(): Promise<void>;
}

export interface DnsmasqZone {
  /** `--local=/<domain>/`: names under it that are not configured answer NXDOMAIN. */
  domain: string;
  txt?: Record<string, string[]>;
  cname?: Record<string, string>;
  a?: Record<string, string>;
}

/** Whether the dnsmasq binary is on this machine (CI installs dnsmasq-base). */
export function hasDnsmasq(): boolean {
  try {
    execFileSync('dnsmasq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export async function startDnsmasq(zone: DnsmasqZone): Promise<Dnsmasq> {
  const port = await freeUdpPort();
  const args = [
    '--keep-in-foreground',
    '--no-resolv',
    '--no-hosts',
    '--no-daemon',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    `--local=/${zone.domain}/`,
    '--log-facility=-',
  ];
  for (const [name, strings] of Object.entries(zone.txt ?? {})) {
    // No shell between us and dnsmasq: the strings go as they are (none holds a comma).
    args.push(`--txt-record=${name},${strings.join(',')}`);
  }
  for (const [name, target] of Object.entries(zone.cname ?? {}))
    args.push(`--cname=${name},${target}`);
  for (const [name, address] of Object.entries(zone.a ?? {}))
    args.push(`--address=/${name}/${address}`);
  const child: ChildProcess = spawn('dnsmasq', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready once it answers a query for a configured name.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited: ${stderr}`);
    if (await answers(port)) break;
    if (Date.now() > deadline) throw new Error(`dnsmasq did not answer on port ${port}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

// A minimal query (id 1, RD, one question "." type A): any answer means it is listening.
async function answers(port: number): Promise<boolean> {
  const socket = createSocket('udp4');
  const query = Buffer.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 200);
      socket.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.send(query, port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}
