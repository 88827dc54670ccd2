// How `pnpm dev` ends, whatever ends it: nothing of it may outlive it, Java above all.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { calculateGroupIdV1 } from '@symval/groupid';
import { findFreePort, type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  type DevProcess,
  portsOf,
  spawnDev,
  waitForOutput,
  waitForReady,
} from './support/dev-process.js';
import { isListening, type ProcessInfo, processTree, stillThere } from './support/processes.js';

const OWNER = 'https://kept.example';
const GROUP = calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']);
const started: DevProcess[] = [];
let dns: LocalDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({ '_suns.zq.suns.bz': { txt: [GROUP] } });
});

afterAll(async () => {
  for (const dev of started) {
    if (dev.child.exitCode === null && dev.child.signalCode === null) {
      dev.child.kill('SIGKILL');
      await dev.exited;
    }
  }
  await dns?.stop();
});

function start(args: string[], env: Record<string, string> = {}): DevProcess {
  const dev = spawnDev(args, cleanEnv({ DNS_SERVERS: dns.address, ...env }));
  started.push(dev);
  return dev;
}

/** The lines of a stack trace (`    at f (file:1:2)`): never shown for an expected failure. */
const STACK_FRAME = /^(?:\[\w+\])?\s+at .*:\d+:\d+\)?$/m;

/** Waits until none of the processes is left (a stuck stop is ended by the hang guard). */
async function gone(tree: ProcessInfo[]): Promise<ProcessInfo[]> {
  for (;;) {
    const left = stillThere(tree.map((info) => info.pid));
    if (left.length === 0) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function javaOf(tree: ProcessInfo[]): ProcessInfo {
  const java = tree.find((info) => info.name === 'java');
  if (!java) throw new Error(`no java in ${JSON.stringify(tree)}`);
  return java;
}

describe('stopping pnpm dev', () => {
  it('exits 0 on SIGTERM to the launcher alone and leaves no process or port', async () => {
    const dev = start(['--memory', '--port', '0']);
    const urls = await waitForReady(dev);
    const tree = processTree(dev.child.pid!);
    javaOf(tree);
    dev.child.kill('SIGTERM');
    expect(await dev.exited).toBe(0);
    expect(await gone(tree)).toEqual([]);
    for (const port of portsOf(urls)) expect(await isListening(port)).toBe(false);
    expect(dev.output()).toMatch(/^\[local\]\s+SIGTERM: stopping$/m);
  });

  it('stops the stack when the launcher is killed with SIGKILL', async () => {
    const dev = start(['--memory', '--port', '0']);
    const urls = await waitForReady(dev);
    const tree = processTree(dev.child.pid!);
    javaOf(tree);
    dev.child.kill('SIGKILL');
    expect(await dev.exited).toBe('SIGKILL');
    expect(await gone(tree)).toEqual([]);
    for (const port of portsOf(urls)) expect(await isListening(port)).toBe(false);
  });

  it("leaves no Java when the stack process itself is killed with SIGKILL (DynamoDB Local's guard)", async () => {
    const dev = start(['--memory', '--port', '0']);
    await waitForReady(dev);
    const tree = processTree(dev.child.pid!);
    const java = javaOf(tree);
    const stackProcess = tree.find((info) => info.ppid === dev.child.pid && info.name === 'node');
    expect(stackProcess).toBeDefined();
    process.kill(stackProcess!.pid, 'SIGKILL');
    expect(await dev.exited).toBe(137);
    expect(await gone([java])).toEqual([]);
    expect(await gone(tree)).toEqual([]);
  });
});

describe('the data directory', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'symval-local-data-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the table and the snapshot from one run to the next', async () => {
    const first = start(['--data-dir', dataDir, '--port', '0']);
    const urls = await waitForReady(first);
    expect(first.output()).toMatch(/table symval-local-domains: created/);
    const attest = await fetch(`${urls.api}/attest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ owner: OWNER, type: 'b', domains: ['zq.suns.bz'] }),
    });
    expect(((await attest.json()) as { status: string }).status).toBe('valid');
    // Readable by default: one line per request, with the attest outcome.
    await waitForOutput(
      first,
      new RegExp(
        `^\\[api\\]\\s+POST /api/v1/attest 200 [\\d.]+ ms: valid ${GROUP.replace(/[+/=]/g, '\\$&')}$`,
        'm',
      ),
    );
    // The stream carries the record to the snapshot; wait for it to arrive.
    while (!(await (await fetch(`${urls.site}records/domains.json`)).text()).includes(OWNER)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(-first.child.pid!, 'SIGINT');
    expect(await first.exited).toBe(0);

    const second = start(['--data-dir', dataDir, '--port', '0', '--json-logs']);
    const again = await waitForReady(second);
    expect(second.output()).not.toMatch(/table symval-local-domains: created/);
    const snapshot = (await (await fetch(`${again.site}records/domains.json`)).json()) as Array<{
      Owner: string;
      GroupID: string;
    }>;
    expect(snapshot.map((record) => [record.Owner, record.GroupID])).toEqual([[OWNER, GROUP]]);
    const group = await fetch(`${again.api}/groups/${encodeURIComponent(GROUP)}`);
    expect(group.status).toBe(200);
    // --json-logs: the handlers' lines as on Lambda.
    while (
      !/^\{"level":"INFO","message":"request".*"path":"\/api\/v1\/groups\//m.test(second.output())
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.kill(-second.child.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
  });
});

describe('refusing to start', () => {
  let holder: Server;
  let port: number;

  beforeAll(async () => {
    port = await findFreePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
  });

  it('exits 1 naming the port when a fixed port is taken, before starting anything', async () => {
    const dev = start(['--memory', '--port', String(port)]);
    expect(await dev.exited).toBe(1);
    expect(dev.output()).toContain(`${port} (api)`);
    expect(dev.output()).toContain('--port');
    expect(dev.output()).not.toMatch(/\bready\b/);
  });

  it('exits 1 on a bad DNS_SERVERS or ATTEST_RATE_LIMIT, with one line naming it, before starting anything', async () => {
    const badDns = start(['--memory', '--port', '0'], { DNS_SERVERS: 'resolver.example' });
    expect(await badDns.exited).toBe(1);
    expect(badDns.output()).toContain(
      '[local]    could not start: DNS_SERVERS is not usable: "resolver.example" is not a DNS server address: "resolver.example" is not an IP address. Use an IP address with an optional port',
    );
    const badLimit = start(['--memory', '--port', '0'], { ATTEST_RATE_LIMIT: '10 per minute' });
    expect(await badLimit.exited).toBe(1);
    expect(badLimit.output()).toContain(
      'could not start: ATTEST_RATE_LIMIT must be "count/seconds" with count >= 1 and 1 to 86400 seconds (e.g. "10/60"), received "10 per minute"',
    );
    for (const dev of [badDns, badLimit]) {
      expect(dev.output()).not.toMatch(STACK_FRAME);
      expect(dev.output()).not.toMatch(/build it first|table symval-local-domains|\bready\b/);
    }
  });

  it('shows the stack trace of such a failure with --debug', async () => {
    const dev = start(['--memory', '--port', '0', '--debug'], { ATTEST_RATE_LIMIT: 'x' });
    expect(await dev.exited).toBe(1);
    expect(dev.output()).toContain('could not start: ATTEST_RATE_LIMIT must be');
    expect(dev.output()).toMatch(STACK_FRAME);
  });

  it('exits 1 with how to install Java when there is none, or it is older than 17', async () => {
    const bin = await mkdtemp(path.join(os.tmpdir(), 'symval-old-java-'));
    try {
      const missing = start(['--memory', '--port', '0'], { PATH: path.join(bin, 'nothing') });
      expect(await missing.exited).toBe(1);
      expect(missing.output()).toMatch(
        /^\[local\]\s+could not start: no java on PATH\. DynamoDB Local runs on Java 17 or newer\. On Debian or Ubuntu: sudo apt-get install openjdk-17-jre-headless/m,
      );
      await writeFile(
        path.join(bin, 'java'),
        '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n',
        { mode: 0o755 },
      );
      const old = start(['--memory', '--port', '0'], { PATH: bin });
      expect(await old.exited).toBe(1);
      expect(old.output()).toContain(
        'could not start: the java on PATH is Java 11. DynamoDB Local runs on Java 17 or newer.',
      );
      for (const dev of [missing, old]) expect(dev.output()).not.toMatch(STACK_FRAME);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });

  it('exits 2 on an unknown option, listing the options', async () => {
    const dev = start(['--memroy']);
    expect(await dev.exited).toBe(2);
    expect(dev.output()).toContain("Unknown option '--memroy'");
    expect(dev.output()).toContain('--memory, --port <n>, --data-dir <path>');
  });

  it('prints the help and exits 0 with --help', async () => {
    const dev = start(['--help']);
    expect(await dev.exited).toBe(0);
    expect(dev.output()).toContain('--reattest-interval <d>');
  });
});
