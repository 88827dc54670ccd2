// The Go CLI's positional forms (`symval attest <owner> <type> <domain>...` and the others),
// accepted beside the flags, and the errors that keep the two apart.
import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

const OWNER = 'https://me.example';
const FLIP_ID = calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']);
const PAIR = ['me.example.com', 'com.example.me'];
const PAIR_ID = calculateGroupIdV1(OWNER, 'e', PAIR);

let dns: LocalDnsServer;

beforeAll(async () => {
  dns = await startDnsServer({ '_suns.zq.suns.bz': { txt: [FLIP_ID] } });
});
afterAll(async () => {
  await dns?.stop();
});
beforeEach(() => dns.clearQueries());

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('symval groupid <owner> <type> <domain>...', () => {
  it('gives the same document as the flag form', async () => {
    const positional = await runSymval(['groupid', OWNER, 'mirrornames', ...PAIR, '--json']);
    const flags = await runSymval(['groupid', '--owner', OWNER, '--type', 'e', ...PAIR, '--json']);
    expect(positional.code).toBe(0);
    expect(json(positional.stdout)).toEqual(json(flags.stdout));
    expect(json(positional.stdout).groupId).toBe(PAIR_ID);
  });

  it('takes options anywhere, and -- before an owner that starts with a dash', async () => {
    const result = await runSymval(['groupid', '--json', '--', '-me-', 'b', 'zq.suns.bz']);
    expect(result.code).toBe(0);
    expect(json(result.stdout).groupId).toBe(calculateGroupIdV1('-me-', 'b', ['zq.suns.bz']));
  });
});

describe('ambiguity between the positional form and the flags', () => {
  it('refuses --owner without --type, naming both forms', async () => {
    const result = await runSymval(['groupid', '--owner', OWNER, 'b', 'zq.suns.bz']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'symval groupid: error: --owner was given without --type: give both, or none and name the group by its operands\n' +
        'Write symval groupid --owner <url> --type <name|code> <domain...> or symval groupid <owner> <type> <domain...>.\n',
    });
  });

  it('refuses a symmetry type among the hostnames of the flag form', async () => {
    const result = await runSymval(['attest', '--owner', OWNER, '--type', 'b', 'b', 'zq.suns.bz']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'error: with --owner and --type given, every operand is a hostname, and "b" is a symmetry type\n',
    );
    expect(dns.queries).toEqual([]);
  });

  it('says when only hostnames were given, or the owner and the type were swapped', async () => {
    const hostnames = await runSymval(['attest', ...PAIR]);
    expect(hostnames.code).toBe(2);
    expect(hostnames.stderr).toContain(
      "'attest' needs an owner, a type and at least one hostname, received 2 operands that look like hostnames only",
    );
    const swapped = await runSymval(['groupid', 'flip180', OWNER, 'zq.suns.bz']);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toBe(
      `symval groupid: error: in symval groupid <owner> <type> <domain...> the second operand is the symmetry type, and "${OWNER}" is not one\n` +
        'The owner comes first, then the type: symval groupid <owner> <type> <domain...>.\n',
    );
  });

  it('shows both forms in the help', async () => {
    const help = await runSymval(['attest', '--help']);
    expect(help.stdout).toMatch(
      /^Usage: symval attest --owner <url> --type <name\|code> \[options\] <domain\.\.\.>\n {7}symval attest \[options\] <owner> <type> <domain\.\.\.>\n/,
    );
  });
});

describe('symval attest <owner> <type> <domain>...', () => {
  it('attests over DNS like the flag form', async () => {
    const result = await runSymval([
      'attest',
      OWNER,
      'flip180',
      'zq.suns.bz',
      '--dns-server',
      dns.address,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({
      status: 'valid',
      owner: OWNER,
      expectedId: FLIP_ID,
      dryRun: { written: false, flag: '--store', target: null, wouldWrite: 1 },
    });
    expect(dns.queries.map((query) => query.name)).toEqual(['_suns.zq.suns.bz']);
  });
});

describe('symval validate <owner> <type> <groupid> <domain>...', () => {
  it('exits 0 when the group ID is the one the parts make and the symmetry holds', async () => {
    const result = await runSymval(['validate', OWNER, 'e', PAIR_ID, ...PAIR]);
    expect(result).toEqual({
      code: 0,
      stdout:
        `valid: ${PAIR_ID} is the group ID of the mirrornames (e) group me.example.com com.example.me\n` +
        `Owner        ${OWNER}\n` +
        `Expected ID  ${PAIR_ID}\n`,
      stderr: '',
    });
    const flags = await runSymval([
      'validate',
      '--owner',
      OWNER,
      '--type',
      'mirrornames',
      '--group',
      PAIR_ID,
      ...PAIR,
      '--json',
    ]);
    expect(json(flags.stdout)).toMatchObject({ valid: true, match: 'normalized', problems: [] });
    expect(dns.queries).toEqual([]);
  });

  it('names the part that differs: another owner, another type, other hostnames', async () => {
    const other = await runSymval([
      'validate',
      'https://someone.else',
      'e',
      PAIR_ID,
      ...PAIR,
      '--json',
    ]);
    expect(other.code).toBe(1);
    expect((json(other.stdout).problems as { code: string }[]).map((p) => p.code)).toEqual([
      'owner-mismatch',
    ]);
    const type = await runSymval([
      'validate',
      OWNER,
      'b',
      FLIP_ID.replace('v1:b:', 'v1:a:'),
      'zq.suns.bz',
      '--json',
    ]);
    expect((json(type.stdout).problems as { code: string }[]).map((p) => p.code)).toEqual([
      'type-mismatch',
    ]);
    const half = await runSymval(['validate', OWNER, 'e', PAIR_ID, 'me.example.com']);
    expect(half.code).toBe(1);
    expect(half.stdout).toContain(
      '  - hostnames-mismatch: the group ID was made from other hostnames',
    );
    expect(half.stdout).toContain('  - symmetry-failed: ');
  });

  it('accepts an ID made from hostnames as they were submitted before normalising, with a warning', async () => {
    const asSubmitted = ['Me.Example.com.', 'com.example.ME'];
    const id = calculateGroupIdV1(OWNER, 'e', asSubmitted);
    const result = await runSymval(['validate', OWNER, 'e', id, ...asSubmitted, '--json']);
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({
      valid: true,
      match: 'as-given',
      hostnames: PAIR,
      givenHostnames: asSubmitted,
      expectedId: PAIR_ID,
      expectedIdAsGiven: id,
    });
    const text = await runSymval(['validate', OWNER, 'e', id, ...asSubmitted]);
    expect(text.stderr).toContain(
      'warning: the group ID matches the hostnames as given (Me.Example.com. com.example.ME), not their normal form (me.example.com com.example.me)',
    );
  });

  it('exits 2 for something that is not a group ID, or a missing one', async () => {
    const bad = await runSymval(['validate', OWNER, 'b', 'zq.suns.bz', 'zq.suns.bz']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^symval validate: error: not a group ID: a group ID has 4 parts/);
    const short = await runSymval(['validate', OWNER, 'b', FLIP_ID]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(
      "'validate' needs an owner, a type, a group ID and at least one hostname, received 3 operands",
    );
  });
});
