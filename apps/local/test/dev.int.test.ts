// The test: `pnpm dev` (its entry) as a child process, a group attested against
// a local DNS fixture through the API, the group seen in the snapshot the site serves, then
// Ctrl-C and nothing left behind.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import {
  cleanEnv,
  type DevProcess,
  type DevUrls,
  portsOf,
  spawnDev,
  waitForOutput,
  waitForReady,
} from './support/dev-process.js';
import { isListening, processTree, stillThere } from './support/processes.js';

const OWNER = 'https://me.example';
const FLIP = calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']);
const BROWSER_OWNER = 'https://browser.example';
const PALINDROME = calculateGroupIdV1(BROWSER_OWNER, 'a', ['zb.snus.suns.bz']);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

// A shell with credentials of its own, as a newcomer's often has: the CLI line pnpm dev prints
// must say it replaces them and still work when pasted into that shell.
const SHELL_CREDENTIALS = {
  AWS_PROFILE: 'symval-test-no-such-profile',
  AWS_ACCESS_KEY_ID: 'AKIASYMVALTESTONLY',
  AWS_SECRET_ACCESS_KEY: 'symval-test-secret',
};
const CLI = fileURLToPath(new URL('../../cli/bin/symval.js', import.meta.url));

let dns: LocalDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.zq.suns.bz': { txt: [FLIP] },
    '_suns.zb.snus.suns.bz': { txt: [PALINDROME] },
  });
});

afterAll(async () => {
  await dns?.stop();
});

async function snapshotHostnames(site: string): Promise<string[]> {
  const response = await fetch(`${site}records/domains.json`);
  if (response.status !== 200) return [];
  const records = (await response.json()) as Array<{ Hostname: string }>;
  return records.map((record) => record.Hostname).sort();
}

function readyLines(text: string): string[] {
  return text.split('\n').filter((line) => /\bready\b/i.test(line));
}

/** Reads until `done` holds (a stuck wait is ended by the test's hang guard). */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('pnpm dev', () => {
  let dev: DevProcess;
  let urls: DevUrls;

  beforeAll(async () => {
    const started = Date.now();
    dev = spawnDev(
      ['--memory', '--port', '0', '--reattest-interval', '0'],
      cleanEnv({ DNS_SERVERS: dns.address, ...SHELL_CREDENTIALS }),
    );
    urls = await waitForReady(dev);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`pnpm dev (--memory) was ready in ${seconds} s (target: under 30 s)`);
  });

  afterAll(async () => {
    if (dev && dev.child.exitCode === null) {
      dev.child.kill('SIGKILL');
      await dev.exited;
    }
  });

  // The time to ready is printed, not asserted (the target, under 30 s, is read off the run).
  it('prints the URLs and exactly one ready line', () => {
    expect(readyLines(dev.output())).toHaveLength(1);
    for (const url of Object.values(urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  });

  it('attests through the API, and the site serves the snapshot that lists the group', async () => {
    const response = await fetch(`${urls.api}/attest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ owner: OWNER, type: 'flip180', domains: ['zq.suns.bz'] }),
    });
    const answer = (await response.json()) as { status: string; expectedId: string };
    expect(response.status).toBe(200);
    expect(answer).toMatchObject({ status: 'valid', expectedId: FLIP });
    expect(dns.queries.some((query) => query.name === '_suns.zq.suns.bz')).toBe(true);

    const hostnames = await waitFor(
      () => snapshotHostnames(urls.site),
      (names) => names.includes('zq.suns.bz'),
    );
    expect(hostnames).toEqual(['zq.suns.bz']);
    // In the terminal: one readable line for the request, with its outcome, and one for the
    // stream batch that carried the record to the snapshot.
    const escaped = FLIP.replace(/[+/=]/g, '\\$&');
    await waitForOutput(
      dev,
      /^\[stream\]\s+1 record: 1 applied; snapshot published: 1 member record/m,
    );
    await waitForOutput(
      dev,
      new RegExp(`^\\[api\\]\\s+POST /api/v1/attest 200 [\\d.]+ ms: valid ${escaped}$`, 'm'),
    );
  });

  it('serves a site whose pages can post to the local API and show the local snapshot', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to connect/i.test(message.text())) {
          blocked.push(message.text());
        }
      });
      await page.goto(urls.site);
      // From the page itself, under its CSP: the API through the site's origin.
      const status = await page.evaluate(async (owner) => {
        const answer = await fetch('api/v1/attest', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ owner, type: 'palindrome', domains: ['zb.snus.suns.bz'] }),
        });
        return ((await answer.json()) as { status: string }).status;
      }, BROWSER_OWNER);
      expect(status).toBe('valid');

      await waitFor(
        () => snapshotHostnames(urls.site),
        (names) => names.includes('zb.snus.suns.bz'),
      );
      await page.reload();
      await page.waitForSelector('ul.hostnames bdi');
      const shown = await page.$$eval('ul.hostnames bdi', (nodes) =>
        nodes.map((node) => node.textContent).sort(),
      );
      expect(shown).toEqual(['zb.snus.suns.bz', 'zq.suns.bz']);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('answers @aws-sdk/client-lambda for its handlers, and ResourceNotFoundException otherwise', async () => {
    const lambda = new LambdaClient({
      endpoint: urls.invoke,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      const batch = await lambda.send(
        new InvokeCommand({ FunctionName: 'reattestbatch', Payload: encoder.encode('{}') }),
      );
      expect(batch.FunctionError).toBeUndefined();
      expect(JSON.parse(decoder.decode(batch.Payload))).toMatchObject({
        groups: 2,
        valid: 2,
        updated: 2,
        deleted: 0,
        complete: true,
      });

      const health = await lambda.send(
        new InvokeCommand({
          FunctionName: 'httpapi',
          Payload: encoder.encode(
            JSON.stringify({
              version: '2.0',
              routeKey: 'ANY /api/{proxy+}',
              rawPath: '/api/v1/health',
              rawQueryString: '',
              headers: { host: 'local' },
              requestContext: {
                accountId: '000000000000',
                apiId: 'local',
                domainName: 'local',
                domainPrefix: 'local',
                http: {
                  method: 'GET',
                  path: '/api/v1/health',
                  protocol: 'HTTP/1.1',
                  sourceIp: '127.0.0.1',
                  userAgent: 'test',
                },
                requestId: 'local-request',
                routeKey: 'ANY /api/{proxy+}',
                stage: '$default',
                time: '23/Nov/2026:12:00:00 +0000',
                timeEpoch: 1795000000000,
              },
              isBase64Encoded: false,
            }),
          ),
        }),
      );
      const answer = JSON.parse(decoder.decode(health.Payload)) as {
        statusCode: number;
        body: string;
      };
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });

      const streamer = await lambda.send(
        new InvokeCommand({ FunctionName: 'streamer', Payload: encoder.encode('{"Records":[]}') }),
      );
      expect(streamer.FunctionError).toBeUndefined();
      expect(JSON.parse(decoder.decode(streamer.Payload))).toEqual({ batchItemFailures: [] });

      await expect(
        lambda.send(new InvokeCommand({ FunctionName: 'symval-nothing' })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    } finally {
      lambda.destroy();
    }
  });

  it('re-attests on demand over HTTP and answers the summary', async () => {
    const response = await fetch(`${urls.invoke}/local/reattest`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ groups: 2, valid: 2 });
    await waitForOutput(dev, /^\[reattest\]\s+2 group\(s\): 2 valid/m);
  });

  it('builds symval, and its printed line, pasted into the same shell, reads the stack with local keys only', async () => {
    const text = dev.output();
    const command = /^\[local\]\s+for the CLI\s+(.+)$/m.exec(text)?.[1];
    expect(command).toMatch(/^unset AWS_PROFILE; export AWS_ENDPOINT_URL_LAMBDA=/);
    expect(text).toMatch(
      /^\[local\]\s+\(local keys \(S3RVER\), not AWS ones: in the shell you paste this into they replace your AWS_PROFILE=symval-test-no-such-profile, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; paste it into a new shell\)$/m,
    );
    expect(text).not.toContain(SHELL_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    // The bin the root links (apps/cli/bin/symval.js) runs the CLI pnpm dev built.
    const shown = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'sh',
        [
          '-c',
          `${command}; exec node "$0" show --table "$DOMAIN_TABLE_NAME" --sort domain --json`,
          CLI,
        ],
        { env: cleanEnv({ ...SHELL_CREDENTIALS }) },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const answer = JSON.parse(shown.stdout) as { records: Array<{ hostname: string }> };
    expect(answer.records.map((record) => record.hostname)).toEqual([
      'zb.snus.suns.bz',
      'zq.suns.bz',
    ]);
  });

  it('stops everything on Ctrl-C (SIGINT to its process group) and leaves no process or port', async () => {
    const tree = processTree(dev.child.pid!);
    const names = tree.map((info) => info.name);
    expect(names).toContain('java');
    expect(names.filter((name) => name === 'node')).toHaveLength(2);
    const ports = portsOf(urls);
    for (const port of ports) expect(await isListening(port)).toBe(true);

    process.kill(-dev.child.pid!, 'SIGINT');
    expect(await dev.exited).toBe(0);
    const left = await waitFor(
      async () => stillThere(tree.map((info) => info.pid)),
      (infos) => infos.length === 0,
    );
    expect(left).toEqual([]);
    for (const port of ports) expect(await isListening(port)).toBe(false);
    expect(dev.output()).toMatch(/^\[local\]\s+stopped$/m);
    expect(readyLines(dev.output())).toHaveLength(1);
    // Nothing of the run was a warning (the snapshot bootstrap's system scan is a note), and
    // no handler line was left as JSON.
    expect(dev.output()).toMatch(/^\[local\]\s+system job snapshot-rebuild: scanAll on /m);
    expect(dev.output()).not.toMatch(/^\[\w+\]\s+(warning|error):/m);
    expect(dev.output()).not.toMatch(/^\{/m);
  });
});
