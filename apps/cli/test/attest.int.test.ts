import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

const OWNER = 'https://me.example';
const PAIR = ['me.example.com', 'com.example.me'];
const PAIR_ID = calculateGroupIdV1(OWNER, 'e', PAIR);
const PALINDROME_ID =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';
const SOMEONE_ELSE = calculateGroupIdV1('https://someone.else', 'b', ['zq.suns.bz']);

let dns: LocalDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.etutitsni.elpmaxe.example.institute': { txt: [PALINDROME_ID] },
    // Only one half of the mirrored pair is claimed.
    '_suns.me.example.com': { txt: [PAIR_ID, 'google-site-verification=abc'] },
    '_suns.zb.snus.suns.bz': { behaviour: 'servfail' },
    '_suns.zq.suns.bz': { txt: [SOMEONE_ELSE] },
  });
});
afterAll(async () => {
  await dns?.stop();
});
beforeEach(() => dns.clearQueries());

const attest = (...args: string[]) =>
  runSymval(['attest', '--dns-server', dns.address, '--timeout', '5000', ...args]);

describe('symval attest against a DNS server', () => {
  it('exits 0 for a valid group and shows the expected ID', async () => {
    const result = await attest(
      '--owner',
      'https://example.blog',
      '--type',
      'a',
      'etutitsni.elpmaxe.example.institute',
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'valid: palindrome (a) group etutitsni.elpmaxe.example.institute',
        `Expected ID  ${PALINDROME_ID}`,
        'Owner        https://example.blog',
        '',
        'Every hostname carries the expected ID (1 distinct group ID(s) seen).',
        '',
        'Dry run: nothing was stored. Pass --store to write this record (to the table named by --table or DOMAIN_TABLE_NAME, or to a local file with --file <path>).',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 for a group missing a claim and lists the TXT record still to create', async () => {
    const result = await attest('--owner', OWNER, '--type', 'mirrornames', ...PAIR);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^invalid: mirrornames \(e\) group me\.example\.com com\.example\.me\n/,
    );
    expect(result.stdout).toContain('  - missing-claim (com.example.me): ');
    expect(result.stdout).toContain(
      `TXT records still missing (create them, then attest again):\n  _suns.com.example.me TXT "${PAIR_ID}"\n`,
    );
    expect(result.stdout).toContain('Ignored 1 TXT record(s) that are not group IDs.');
  });

  it('prints the whole result as one JSON document', async () => {
    const result = await attest('--json', '--owner', OWNER, '--type', 'e', ...PAIR);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      status: 'invalid',
      owner: OWNER,
      type: { code: 'e', name: 'mirrornames' },
      expectedId: PAIR_ID,
      hostnames: PAIR,
      missingTxtRecords: [{ name: '_suns.com.example.me', type: 'TXT', value: PAIR_ID }],
      uncheckedHostnames: [],
      ignoredRecords: [{ domain: 'me.example.com', record: 'google-site-verification=abc' }],
      groupIdCount: 1,
      servers: [dns.address],
    });
    expect(output.reasons.map((reason: { code: string }) => reason.code)).toEqual([
      'missing-claim',
    ]);
    expect(output.claims).toHaveLength(2);
    expect(output).not.toHaveProperty('records');
  });

  it("exits 1 when a hostname carries another owner's group ID", async () => {
    const result = await attest('--json', '--owner', OWNER, '--type', 'b', 'zq.suns.bz');
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.reasons.map((reason: { code: string }) => reason.code)).toContain(
      'owner-conflict',
    );
  });

  it('exits 3 when DNS fails and nothing else does, naming the unchecked hostname', async () => {
    const result = await attest('--owner', OWNER, '--type', 'a', 'zb.snus.suns.bz');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^indeterminate: palindrome \(a\) group zb\.snus\.suns\.bz\n/);
    expect(result.stdout).toContain('  - lookup-failed (zb.snus.suns.bz): ');
    expect(result.stdout).toContain('Not checked, DNS failed: zb.snus.suns.bz.');
    expect(result.stdout).not.toContain('TXT records still missing');
  });

  it('exits 1 without asking DNS when the hostnames lack the symmetry', async () => {
    const result = await attest(
      '--json',
      '--owner',
      OWNER,
      '--type',
      'a',
      'not.a.palindrome.example',
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'invalid',
      reasons: [{ code: 'symmetry-failed' }],
      missingTxtRecords: [],
    });
    expect(dns.queries).toEqual([]);
  });

  it('exits 2 for a malformed hostname or a missing owner, before asking DNS', async () => {
    const badHost = await attest('--owner', OWNER, '--type', 'a', 'zb..bz');
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toMatch(/^symval attest: error: not a hostname: "zb\.\.bz": /);
    const noOwner = await attest('--type', 'a', 'zb.snus.suns.bz');
    expect(noOwner.code).toBe(2);
    expect(noOwner.stderr).toContain(
      'symval attest: error: --type was given without --owner: give both, or none and name the group by its operands\n',
    );
    expect(dns.queries).toEqual([]);
  });
});
