// `symval smoke` and `symval withdraw` against the local stack (`pnpm dev`'s built entry on
// free ports) with a DNS fixture server as its resolver, and against servers that fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateGroupIdV1 } from '@symval/groupid';
import { findFreePort, type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';
import { type LocalStack, startLocalStack } from './support/local-stack.js';

const OWNER = 'https://leaving.example';
const FLIP_ID = calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']);
const PALINDROME_ID = calculateGroupIdV1(OWNER, 'a', ['zb.snus.suns.bz']);

let dns: LocalDnsServer;
let stack: LocalStack;

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.zq.suns.bz': { txt: [FLIP_ID] },
    '_suns.zb.snus.suns.bz': { txt: [PALINDROME_ID] },
  });
  stack = await startLocalStack({ DNS_SERVERS: dns.address, ATTEST_RATE_LIMIT: '1000/60' });
});
afterAll(async () => {
  await stack?.stop();
  await dns?.stop();
});

async function attestThroughApi(type: string, domains: string[]): Promise<string> {
  const response = await fetch(`${stack.api}/attest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ owner: OWNER, type, domains }),
  });
  const body = (await response.json()) as { status: string };
  return body.status;
}

async function groupStatus(groupId: string): Promise<number> {
  return (await fetch(`${stack.api}/groups/${encodeURIComponent(groupId)}`)).status;
}

/** Lines of a human report without the timings, which vary. */
function lines(stdout: string): string[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.replace(/ \(\d+ ms\)$/, ''));
}

describe('symval smoke against the local stack', () => {
  it('passes every check, one line each, and writes nothing', async () => {
    const result = await runSymval(['smoke', '--url', stack.site]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = lines(result.stdout);
    expect(
      report.map((line) =>
        line
          .split(/\s{2,}/)
          .slice(0, 2)
          .join(' '),
      ),
    ).toEqual([
      'ok health',
      'ok openapi',
      'ok cors-preflight',
      'ok snapshot',
      'ok attest-invalid',
      'ok page /',
      'ok page /join/',
      'ok page /symmetries/',
      'ok page /group-id/',
      '',
      `9 of 9 checks passed against ${stack.site} (API ${stack.site}api/v1).`,
    ]);
    expect(report[3]).toContain('GET /records/domains.json: application/json');
    expect(report[4]).toContain(
      'POST /api/v1/attest dilavni.invalid: invalid (missing-claim), expected ID as v1 computes it, nothing stored (GET /groups: 404)',
    );
    expect(dns.queries.map((query) => query.name)).toContain('_suns.dilavni.invalid');
  });

  it('gives every check as JSON, against the API on its own origin too', async () => {
    const result = await runSymval([
      'smoke',
      '--url',
      stack.site,
      '--api',
      stack.api,
      '--page',
      '/join/',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ site: stack.site, api: stack.api, passed: true });
    expect(
      output.checks.map((check: { name: string; ok: boolean }) => [check.name, check.ok]),
    ).toEqual([
      ['health', true],
      ['openapi', true],
      ['cors-preflight', true],
      ['snapshot', true],
      ['attest-invalid', true],
      ['page /join/', true],
    ]);
  });

  it("fails attest-invalid saying the API's DNS is failing when it answers indeterminate (503)", async () => {
    dns.setRecord('_suns.dilavni.invalid', { behaviour: 'servfail' });
    try {
      const result = await runSymval(['smoke', '--url', stack.site, '--page', '/', '--json']);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('');
      const output = JSON.parse(result.stdout);
      const attest = output.checks.find(
        (check: { name: string }) => check.name === 'attest-invalid',
      );
      expect(attest).toMatchObject({
        ok: false,
        detail:
          'POST /api/v1/attest answered indeterminate (HTTP 503): the API could not ask DNS about dilavni.invalid, so its resolver is failing',
      });
      expect(
        output.checks
          .filter((check: { ok: boolean }) => !check.ok)
          .map((c: { name: string }) => c.name),
      ).toEqual(['attest-invalid']);
    } finally {
      dns.setRecord('_suns.dilavni.invalid', undefined);
    }
  });
});

describe('symval smoke against what is not a symval site', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no ${request.url}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails each check with what came back, exit 1, no stack trace', async () => {
    const result = await runSymval(['smoke', '--url', url, '--page', '/']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = lines(result.stdout);
    expect(report[0]).toBe(
      'FAIL  health          GET /api/v1/health answered HTTP 404, expected 200: no /api/v1/health',
    );
    expect(report.slice(0, 6).every((line) => line.startsWith('FAIL  '))).toBe(true);
    expect(report.at(-1)).toBe(`6 of 6 checks failed against ${url} (API ${url}api/v1).`);
  });

  it('says which check got no answer when nothing listens', async () => {
    const closed = `http://127.0.0.1:${await findFreePort()}/`;
    const result = await runSymval(['smoke', '--url', closed, '--page', '/', '--json']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.passed).toBe(false);
    expect(output.checks[0].detail).toBe(
      `no answer: GET ${closed}api/v1/health: connect ECONNREFUSED ${closed.slice(7, -1)}`,
    );
  });

  it('exits 2 for a --url that is not an http(s) URL', async () => {
    const result = await runSymval(['smoke', '--url', 'suns.bz']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'symval smoke: error: --url must be an http(s) URL, received "suns.bz"\nFor example --url https://suns.bz.\n',
    });
  });
});

describe('symval withdraw against the local stack', () => {
  it('refuses while the claim is in DNS, withdraws once it is gone, then finds nothing', async () => {
    expect(await attestThroughApi('flip180', ['zq.suns.bz'])).toBe('valid');
    expect(await groupStatus(FLIP_ID)).toBe(200);

    const early = await runSymval(['withdraw', OWNER, 'b', 'zq.suns.bz', '--api', stack.site]);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe(
      `Withdrawing the flip180 (b) group ${FLIP_ID} through ${stack.site}api/v1: this works once its _suns TXT records are removed.\n`,
    );
    expect(early.stdout).toContain("Not withdrawn: the group's claims are still in DNS.");
    expect(early.stdout).toContain(`\n  _suns.zq.suns.bz TXT "${FLIP_ID}"\n`);
    expect(await groupStatus(FLIP_ID)).toBe(200);

    dns.setRecord('_suns.zq.suns.bz', undefined);
    const done = await runSymval([
      'withdraw',
      '--owner',
      OWNER,
      '--type',
      'flip180',
      'zq.suns.bz',
      '--api',
      stack.api,
      '--json',
    ]);
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('');
    expect(JSON.parse(done.stdout)).toMatchObject({
      outcome: 'withdrawn',
      groupId: FLIP_ID,
      httpStatus: 200,
      answer: { withdrawn: true, deleted: 1 },
    });
    expect(await groupStatus(FLIP_ID)).toBe(404);

    const again = await runSymval(['withdraw', OWNER, 'b', 'zq.suns.bz', '--api', stack.api]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^Nothing to withdraw: no records are stored for group /);
  });

  it('exits 3, as an indeterminate attestation does, when DNS cannot say, and removes nothing', async () => {
    expect(await attestThroughApi('a', ['zb.snus.suns.bz'])).toBe('valid');
    dns.setRecord('_suns.zb.snus.suns.bz', { behaviour: 'servfail' });
    const withdraw = await runSymval([
      'withdraw',
      OWNER,
      'a',
      'zb.snus.suns.bz',
      '--api',
      stack.api,
      '--json',
    ]);
    expect(withdraw.code).toBe(3);
    expect(JSON.parse(withdraw.stdout)).toMatchObject({
      outcome: 'indeterminate',
      groupId: PALINDROME_ID,
      httpStatus: 503,
    });
    expect(await groupStatus(PALINDROME_ID)).toBe(200);
    // The API answers an indeterminate attestation with the same status as the withdrawal.
    const throughApi = await fetch(`${stack.api}/attest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ owner: OWNER, type: 'a', domains: ['zb.snus.suns.bz'] }),
    });
    expect(throughApi.status).toBe(503);
    expect(Number(throughApi.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throughApi.json()).toMatchObject({
      code: 'indeterminate',
      status: 'indeterminate',
      isValid: false,
      expectedId: PALINDROME_ID,
    });
    const attest = await runSymval([
      'attest',
      OWNER,
      'a',
      'zb.snus.suns.bz',
      '--dns-server',
      dns.address,
    ]);
    expect(attest.code).toBe(withdraw.code);
  });

  it('exits 2 with the words of the API when it refuses the input, 3 when nothing answers', async () => {
    const refused = await runSymval(['withdraw', OWNER, 'e', 'me.example.com', '--api', stack.api]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /error: the API refused the withdrawal \(field domains\): HTTP 400 domain-count: /,
    );
    const port = await findFreePort();
    const nobody = await runSymval(['withdraw', OWNER, 'b', 'zq.suns.bz'], {
      env: { SYMVAL_LOCAL_PORT: String(port) },
    });
    expect(nobody.code).toBe(3);
    expect(nobody.stderr).toContain(
      `error: the withdrawal got no answer from http://127.0.0.1:${port}/api/v1/withdraw: connect ECONNREFUSED 127.0.0.1:${port}\nThat is the local stack: start it with pnpm dev, or pass --api <url>.\n`,
    );
    expect(nobody.stderr).not.toMatch(/\n\s+at /);
  });
});
