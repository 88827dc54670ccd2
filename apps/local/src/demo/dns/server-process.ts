import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import dnsPacket from 'dns-packet';

// Debian installs knotd and dnsmasq in /usr/sbin, which is not on a normal user's PATH.
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The path of `command` on PATH or in the sbin folders, or `undefined` when it is not installed. */
export function findExecutable(command: string, env = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN];
  for (const dir of dirs) {
    const file = path.join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** What `file --version` prints first (stdout or stderr), or `undefined` when it cannot run. */
export function versionLine(file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      const line = `${stdout}${stderr}`.split('\n')[0]?.trim();
      resolve(error || !line ? undefined : line);
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A loopback port free for both UDP and TCP (a DNS server takes both). */
export async function freeDnsPort(): Promise<number> {
  for (;;) {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    if (await portFree(port)) return port;
  }
}

/** Whether something answers a DNS query for `name` on 127.0.0.1:`port` within `waitMs`. */
export async function answersDns(port: number, name: string, waitMs = 500): Promise<boolean> {
  const socket = createSocket('udp4');
  const query = dnsPacket.encode({
    type: 'query',
    id: 1,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: 'SOA', name }],
  });
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      socket.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.send(query, port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}

/** A DNS server program started in the foreground. */
export interface ServerProcess {
  child: ChildProcess;
  /** What it printed, for messages (the last few kB). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `file args` and waits until it answers a query for `zone` on `port`. Fails at once
 * when it exits first, with what it printed; gives up after `startTimeoutMs` (a hang guard
 * for a server that neither answers nor exits).
 */
export async function startServerProcess(
  file: string,
  args: readonly string[],
  port: number,
  zone: string,
  startTimeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const collect = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => collect(Buffer.from(String(error))));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      await exited.catch(() => {});
      throw new Error(
        `${path.basename(file)} exited before it answered (${child.exitCode ?? child.signalCode}): ${text.trim() || 'no output'}`,
      );
    }
    if (await answersDns(port, zone)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${path.basename(file)} did not answer on port ${port}: ${text.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => text, stop };
}
