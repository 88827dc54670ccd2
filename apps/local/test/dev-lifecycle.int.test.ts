// How `pnpm dev` ends, whatever ends it: nothing of it may outlive it, Java above all.
import { mkdtemp, rm } from 'node:fs/promises';
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

function start(args: string[]): DevProcess {
  const dev = spawnDev(args, cleanEnv({ DNS_SERVERS: dns.address }));
  started.push(dev);
  return dev;
}

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
    // The stream carries the record to the snapshot; wait for it to arrive.
    while (!(await (await fetch(`${urls.site}records/domains.json`)).text()).includes(OWNER)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(-first.child.pid!, 'SIGINT');
    expect(await first.exited).toBe(0);

    const second = start(['--data-dir', dataDir, '--port', '0']);
    const again = await waitForReady(second);
    expect(second.output()).not.toMatch(/table symval-local-domains: created/);
    const snapshot = (await (await fetch(`${again.site}records/domains.json`)).json()) as Array<{
      Owner: string;
      GroupID: string;
    }>;
    expect(snapshot.map((record) => [record.Owner, record.GroupID])).toEqual([[OWNER, GROUP]]);
    const group = await fetch(`${again.api}/groups/${encodeURIComponent(GROUP)}`);
    expect(group.status).toBe(200);
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
