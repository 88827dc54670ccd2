import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountClients, runPreflight } from '../../src/index.js';
import { CONFIG_DIR } from '../docs.js';
import { type StandInAccount, startAwsStandIn } from './aws-stand-in.js';

const HEALTHY: StandInAccount = {
  account: '210987654321',
  concurrency: { limit: 1000, unreserved: 1000 },
  publicAccessBlock: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: false,
  },
  zones: [
    { id: 'ZOTHER', name: 'other.example.', private: false },
    { id: 'ZSUNS', name: 'suns.example.', private: false },
    { id: 'ZCLUB', name: 'suns.bz.', private: false },
  ],
};
// Production's names and zone are pinned in code (zq.suns.bz and its aliases, in suns.bz).
const PRODUCTION_ENV: Record<string, string> = { SYMVAL_ALARM_EMAIL: 'ops@suns.example' };
/** A stage of one's own with a domain of its own, set in the environment. */
const STAGING_ENV: Record<string, string> = { SYMVAL_DOMAIN: 'suns.example' };
const READS = new Set([
  'sts:GetCallerIdentity',
  'lambda:GetAccountSettings',
  's3control:GetPublicAccessBlock',
  'route53:ListHostedZonesByName',
]);

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAPREFLIGHT',
    AWS_SECRET_ACCESS_KEY: 'preflight',
    AWS_REGION: 'eu-west-1',
  });
});
afterAll(() => {
  process.env = saved;
});

async function preflight(account: StandInAccount, stage = 'production', env = PRODUCTION_ENV) {
  const standIn = await startAwsStandIn(account);
  try {
    const result = await runPreflight({
      stage,
      env,
      clients: createAccountClients({ region: 'eu-west-1', endpoint: standIn.endpoint }),
    });
    return { result, requests: standIn.requests };
  } finally {
    await standIn.stop();
  }
}

const byName = (result: Awaited<ReturnType<typeof preflight>>['result']) =>
  Object.fromEntries(result.checks.map((check) => [check.name, check]));

describe('the preflight', () => {
  it('passes an account ready for production, with read-only calls', async () => {
    const { result, requests } = await preflight(HEALTHY);
    expect(result).toMatchObject({ stage: 'production', account: '210987654321', ok: true });
    expect(byName(result)['Route 53 zone']?.detail).toBe(
      'zq.suns.bz, suns.bz and zb.snus.suns.bz are in suns.bz. (ZCLUB)',
    );
    expect(byName(result)['Lambda concurrency']?.detail).toBe(
      'account limit 1000, 1000 unreserved; the stage reserves 2, leaving 998',
    );
    for (const request of requests) {
      expect(READS.has(request.operation), request.operation).toBe(true);
      expect(['GET', 'POST']).toContain(request.method);
    }
    expect(new Set(requests.map((r) => r.operation))).toEqual(READS);
  });

  it('fails a new account whose concurrency limit leaves no room for the two reservations', async () => {
    const { result } = await preflight({ ...HEALTHY, concurrency: { limit: 10, unreserved: 10 } });
    expect(result.ok).toBe(false);
    expect(byName(result)['Lambda concurrency']).toMatchObject({
      ok: false,
      detail: expect.stringContaining("leaving 8, below Lambda's minimum of 100"),
      fix: expect.stringContaining('at least 102'),
    });
  });

  it('passes when exactly 100 would stay unreserved, and fails one below', async () => {
    const at = await preflight({ ...HEALTHY, concurrency: { limit: 200, unreserved: 102 } });
    expect(byName(at.result)['Lambda concurrency']?.ok).toBe(true);
    const below = await preflight({ ...HEALTHY, concurrency: { limit: 200, unreserved: 101 } });
    expect(byName(below.result)['Lambda concurrency']?.ok).toBe(false);
  });

  it('fails when the account blocks public bucket policies or restricts public buckets', async () => {
    for (const block of [
      { BlockPublicPolicy: true, RestrictPublicBuckets: false },
      { BlockPublicPolicy: false, RestrictPublicBuckets: true },
    ]) {
      const { result } = await preflight({
        ...HEALTHY,
        publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, ...block },
      });
      expect(byName(result)['S3 Block Public Access (account)']).toMatchObject({
        ok: false,
        fix: expect.stringContaining('BlockPublicPolicy and RestrictPublicBuckets'),
      });
    }
  });

  it('passes an account that never configured Block Public Access', async () => {
    const { publicAccessBlock: _none, ...account } = HEALTHY;
    const { result } = await preflight(account);
    expect(byName(result)['S3 Block Public Access (account)']).toMatchObject({
      ok: true,
      detail: 'not configured for the account',
    });
  });

  it('finds the domain in a parent zone, and fails without a public zone for it', async () => {
    const sub = await preflight(HEALTHY, 'staging', { SYMVAL_DOMAIN: 'club.suns.example' });
    expect(byName(sub.result)['Route 53 zone']?.detail).toBe(
      'club.suns.example is in suns.example. (ZSUNS)',
    );

    const none = await preflight(
      { ...HEALTHY, zones: [HEALTHY.zones[0]!] },
      'staging',
      STAGING_ENV,
    );
    expect(byName(none.result)['Route 53 zone']).toMatchObject({
      ok: false,
      detail: 'no hosted zone in this account holds suns.example',
    });
    const privateOnly = await preflight(
      { ...HEALTHY, zones: [{ id: 'ZPRIV', name: 'suns.example.', private: true }] },
      'staging',
      STAGING_ENV,
    );
    expect(byName(privateOnly.result)['Route 53 zone']).toMatchObject({
      ok: false,
      detail: 'only a private zone holds suns.example in this account',
    });
  });

  it('looks for the zone a stage names, which must hold every name of the site', async () => {
    const env = {
      SYMVAL_DOMAIN: 'zq.suns.example',
      SYMVAL_DOMAIN_ALIASES: 'suns.example',
      SYMVAL_ZONE: 'suns.example',
    };
    const named = await preflight(HEALTHY, 'staging', env);
    expect(byName(named.result)['Route 53 zone']?.detail).toBe(
      'zq.suns.example and suns.example are in suns.example. (ZSUNS)',
    );
    const missing = await preflight({ ...HEALTHY, zones: [HEALTHY.zones[0]!] }, 'staging', env);
    expect(byName(missing.result)['Route 53 zone']).toMatchObject({
      ok: false,
      fix: expect.stringContaining('create the public hosted zone suns.example'),
    });
  });

  it('fails production in an account without the club’s zone', async () => {
    const { result } = await preflight({ ...HEALTHY, zones: [HEALTHY.zones[1]!] });
    expect(byName(result)['Route 53 zone']).toMatchObject({
      ok: false,
      detail: 'no hosted zone in this account holds suns.bz',
    });
  });

  it('looks up no zone for a stage without a domain', async () => {
    const { result, requests } = await preflight(HEALTHY, 'dev', {});
    expect(byName(result)['Route 53 zone']).toMatchObject({
      ok: true,
      detail: 'no domain for this stage',
    });
    expect(requests.map((r) => r.operation)).not.toContain('route53:ListHostedZonesByName');
  });

  it('refuses production without its settings before calling AWS', async () => {
    const standIn = await startAwsStandIn(HEALTHY);
    try {
      await expect(
        runPreflight({
          stage: 'production',
          env: {},
          clients: createAccountClients({ region: 'eu-west-1', endpoint: standIn.endpoint }),
        }),
      ).rejects.toMatchObject({ code: 'env.missing' });
      expect(standIn.requests).toEqual([]);
    } finally {
      await standIn.stop();
    }
  });

  it('runs as a command: prints each check and exits 1 when one fails', async () => {
    const standIn = await startAwsStandIn({
      ...HEALTHY,
      concurrency: { limit: 10, unreserved: 10 },
    });
    try {
      const { code, stdout, stderr } = await new Promise<{
        code: number | null;
        stdout: string;
        stderr: string;
      }>((resolve, reject) => {
        const child = spawn(
          path.join(CONFIG_DIR, 'node_modules', '.bin', 'tsx'),
          ['src/preflight/main.ts', '--stage', 'production'],
          {
            cwd: CONFIG_DIR,
            env: { ...process.env, ...PRODUCTION_ENV, SYMVAL_PREFLIGHT_ENDPOINT: standIn.endpoint },
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
        });
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString('utf8');
        });
        child.once('error', reject);
        child.once('close', (status) => resolve({ code: status, stdout: out, stderr: err }));
      });
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout.split('\n')).toEqual([
        'preflight for stage production in account 210987654321 (arn:aws:iam::210987654321:user/operator)',
        expect.stringMatching(/^FAIL Lambda concurrency: account limit 10, 10 unreserved/),
        expect.stringMatching(
          /^ {5}fix: ask for a Lambda "Concurrent executions" quota of at least 102/,
        ),
        expect.stringMatching(/^ok {3}S3 Block Public Access \(account\)/),
        expect.stringMatching(
          /^ok {3}Route 53 zone: zq.suns.bz, suns.bz and zb.snus.suns.bz are in/,
        ),
        'not ready: fix the checks marked FAIL',
        '',
      ]);
    } finally {
      await standIn.stop();
    }
  });
});
