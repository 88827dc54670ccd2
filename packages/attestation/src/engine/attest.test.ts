import { calculateGroupIdV1 } from '@symval/groupid';
import { describe, expect, it } from 'vitest';
import { AttestationError } from '../errors.js';
import { attest, attestChecked } from './attest.js';
import { checkAttestInput } from './input.js';
import { createStaticClaimResolver } from './static-resolver.js';
import type { AttestInput, ClaimResolver } from './types.js';

const owner = 'https://me.example';
const other = 'https://someone-else.example';
const pair = ['me.example.com', 'com.example.me'];
const groupId = calculateGroupIdV1(owner, 'e', pair);
const input: AttestInput = { owner, type: 'mirrornames', domains: pair };
const when = new Date('2026-11-23T12:00:00Z');

function both(records: string[] | { error: string }) {
  return createStaticClaimResolver({ 'me.example.com': records, 'com.example.me': records });
}

describe('a valid group', () => {
  it('is valid with one record per hostname carrying the owner, type code, group ID and time', async () => {
    const resolver = both([groupId]);
    const result = await attest(input, { resolver, now: when });
    expect(result).toMatchObject({
      status: 'valid',
      expectedId: groupId,
      reasons: [],
      groupIdCount: 1,
    });
    expect(result.type?.code).toBe('e');
    expect(result.records).toEqual(
      pair.map((hostname) => ({ owner, type: 'e', hostname, groupId, validateTime: when })),
    );
    expect(resolver.lookups).toEqual(pair);
  });

  it('normalises hostnames, accepts the type by code, and records the normalised names', async () => {
    const result = await attest(
      { owner, type: 'E', domains: ['ME.Example.com.', ' com.example.ME'] },
      { resolver: both([groupId]), now: () => when },
    );
    expect(result.status).toBe('valid');
    expect(result.hostnames).toEqual(pair);
    expect(result.records?.map((record) => record.hostname)).toEqual(pair);
  });

  it('accepts claims for other groups of the same owner and counts every distinct group ID', async () => {
    const another = calculateGroupIdV1(owner, 'a', ['me.example.com']);
    const resolver = createStaticClaimResolver({
      'me.example.com': [groupId, another],
      'com.example.me': [groupId],
    });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('valid');
    expect(result.groupIdCount).toBe(2);
    expect(result.claims.map((claim) => claim.groupIds)).toEqual([[groupId, another], [groupId]]);
  });

  it('ignores TXT records that are not group IDs and lists them', async () => {
    const resolver = createStaticClaimResolver({
      'me.example.com': [groupId, 'google-site-verification=abc', ` ${groupId}`],
      'com.example.me': [groupId, 'v2:e:x:y'],
    });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('valid');
    expect(result.ignoredRecords).toEqual([
      { domain: 'me.example.com', record: 'google-site-verification=abc' },
      { domain: 'me.example.com', record: ` ${groupId}` },
      { domain: 'com.example.me', record: 'v2:e:x:y' },
    ]);
  });

  it('uses the current time when no clock is given', async () => {
    const before = Date.now();
    const result = await attest(input, { resolver: both([groupId]) });
    const time = result.records![0]!.validateTime.getTime();
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});

describe('input reasons (no lookup is made)', () => {
  async function reasonsFor(bad: unknown) {
    const resolver = both([groupId]);
    const result = await attest(bad as AttestInput, { resolver });
    expect(result.status).toBe('invalid');
    expect(result.expectedId).toBeNull();
    expect(resolver.lookups).toEqual([]);
    return result.reasons;
  }

  it('input-invalid: the input is not an object, or domains is not an array', async () => {
    expect(await reasonsFor(null)).toEqual([
      {
        code: 'input-invalid',
        message: 'input must be an object { owner, type, domains }, received null',
      },
    ]);
    expect(await reasonsFor({ owner, type: 'e', domains: 'me.example.com' })).toEqual([
      {
        code: 'input-invalid',
        field: 'domains',
        message: 'domains must be an array of hostnames, received string',
      },
    ]);
  });

  it('owner-invalid: empty, longer than 512 characters, not a string, or with control characters', async () => {
    expect(await reasonsFor({ ...input, owner: '' })).toEqual([
      {
        code: 'owner-invalid',
        field: 'owner',
        message: 'owner must have 1 to 512 characters, received 0',
      },
    ]);
    expect(await reasonsFor({ ...input, owner: 'x'.repeat(513) })).toMatchObject([
      { code: 'owner-invalid', message: 'owner must have 1 to 512 characters, received 513' },
    ]);
    expect(await reasonsFor({ ...input, owner: 42 })).toMatchObject([
      { code: 'owner-invalid', message: 'owner must be a string, received number' },
    ]);
    expect(await reasonsFor({ ...input, owner: 'https://me.example/\n' })).toMatchObject([
      { code: 'owner-invalid', message: /U\+000A is at position 19/ },
    ]);
    expect(await reasonsFor({ ...input, owner: 'me\u0085' })).toMatchObject([
      { code: 'owner-invalid', message: /U\+0085/ },
    ]);
    expect(await reasonsFor({ ...input, owner: 'me\uD800' })).toMatchObject([
      { code: 'owner-invalid', message: /U\+D800/ },
    ]);
  });

  it('counts owner length in characters, so 512 emoji are allowed', async () => {
    const result = await attest({ ...input, owner: '😀'.repeat(512) }, { resolver: both([]) });
    expect(result.reasons.map((reason) => reason.code)).not.toContain('owner-invalid');
  });

  it('type-unknown: a type that is neither a name nor a code', async () => {
    expect(await reasonsFor({ ...input, type: 'mirror' })).toEqual([
      {
        code: 'type-unknown',
        field: 'type',
        message: expect.stringMatching(
          /^unknown symmetry type "mirror"; use one of a \(palindrome\)/,
        ),
      },
    ]);
    expect(await reasonsFor({ ...input, type: undefined })).toMatchObject([
      { code: 'type-unknown' },
    ]);
  });

  it('domain-count: not as many hostnames as the type needs', async () => {
    expect(await reasonsFor({ ...input, domains: ['me.example.com'] })).toEqual([
      {
        code: 'domain-count',
        field: 'domains',
        message: 'a mirrornames group has 2 hostnames, received 1',
      },
    ]);
    expect(await reasonsFor({ ...input, type: 'a', domains: Array(1000).fill('x') })).toEqual([
      {
        code: 'domain-count',
        field: 'domains',
        message: 'a palindrome group has 1 hostname, received 1000',
      },
    ]);
  });

  it('domain-invalid: a hostname that is not valid, or too long to carry a _suns claim', async () => {
    expect(await reasonsFor({ ...input, domains: ['me.example.com', 'com..me'] })).toEqual([
      {
        code: 'domain-invalid',
        domain: 'com..me',
        field: 'domains[1]',
        message: '"com..me" has an empty label (two dots in a row, or a leading dot)',
      },
    ]);
    const long = `${Array.from({ length: 3 }, () => 'a'.repeat(63)).join('.')}.${'b'.repeat(60)}`;
    expect(await reasonsFor({ owner, type: 'g', domains: [long] })).toMatchObject([
      { code: 'domain-invalid', domain: long, message: /would exceed the 253/ },
    ]);
  });

  it('domain-duplicate: the same hostname twice after normalisation', async () => {
    expect(await reasonsFor({ ...input, domains: ['me.example.com', 'ME.EXAMPLE.COM.'] })).toEqual([
      {
        code: 'domain-duplicate',
        domain: 'me.example.com',
        field: 'domains[1]',
        message:
          '"me.example.com" is listed more than once (after normalisation); a group\'s hostnames are different',
      },
    ]);
  });

  it('reports every input problem at once', async () => {
    const reasons = await reasonsFor({ owner: '', type: 'nope', domains: ['a..b'] });
    expect(reasons.map((reason) => reason.code)).toEqual([
      'owner-invalid',
      'type-unknown',
      'domain-invalid',
    ]);
  });
});

describe('claim reasons', () => {
  it('missing-claim: a hostname with no _suns record at all', async () => {
    const resolver = createStaticClaimResolver({ 'me.example.com': [groupId] });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('invalid');
    expect(result.reasons).toEqual([
      {
        code: 'missing-claim',
        domain: 'com.example.me',
        message: 'com.example.me has no claim: _suns.com.example.me does not exist (NXDOMAIN)',
      },
    ]);
  });

  it('missing-claim: records present, but not the expected group ID', async () => {
    const resolver = createStaticClaimResolver({
      'me.example.com': [groupId],
      'com.example.me': ['hello'],
    });
    const result = await attest(input, { resolver });
    expect(result.reasons).toEqual([
      {
        code: 'missing-claim',
        domain: 'com.example.me',
        message: `_suns.com.example.me does not carry the expected group ID ${groupId}`,
      },
    ]);
  });

  it('missing-claim says when the owner published the same hostnames with another type', async () => {
    const asPalindrome = calculateGroupIdV1(owner, 'f', pair);
    const result = await attest(input, { resolver: both([asPalindrome]) });
    expect(result.reasons.map((reason) => reason.message)).toEqual(
      pair.map((domain) =>
        expect.stringMatching(
          new RegExp(
            `^_suns\\.${domain.replaceAll('.', '\\.')} does not carry .*the same hostnames with type "f", not "e"$`,
          ),
        ),
      ),
    );
  });

  it('missing-claim says when the owner published a group of another hostname set (a spurious or missing member)', async () => {
    const withExtra = calculateGroupIdV1(owner, 'e', [...pair, 'www.example.com']);
    const result = await attest(input, { resolver: both([withExtra]) });
    expect(result.reasons[0]!.message).toMatch(/same type for a different set of hostnames/);
  });

  it('owner-conflict: a claim of another owner on a hostname fails the group, even for another group', async () => {
    const foreign = calculateGroupIdV1(other, 'a', ['me.example.com']);
    const resolver = createStaticClaimResolver({
      'me.example.com': [groupId, foreign],
      'com.example.me': [groupId],
    });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('invalid');
    expect(result.reasons).toEqual([
      {
        code: 'owner-conflict',
        domain: 'me.example.com',
        message: `me.example.com carries a claim of another owner (${foreign}); a hostname may be in several groups but belongs to one owner`,
      },
    ]);
    expect(result.groupIdCount).toBe(2);
    expect(result.records).toBeUndefined();
  });

  it('symmetry-failed: the hostnames lack the symmetry, and no DNS query is made', async () => {
    const domains = ['me.example.com', 'com.example.you'];
    const id = calculateGroupIdV1(owner, 'e', domains);
    const resolver = createStaticClaimResolver({ 'me.example.com': [id] });
    const result = await attest({ owner, type: 'e', domains }, { resolver });
    expect(result.status).toBe('invalid');
    expect(result.expectedId).toBe(id);
    expect(result.reasons).toEqual([
      {
        code: 'symmetry-failed',
        message:
          '"me.example.com" with its labels reversed is "com.example.me", not "com.example.you"',
      },
    ]);
    expect(resolver.lookups).toEqual([]);
  });
});

describe('lookup errors', () => {
  it('lookup-failed: a DNS error makes the result indeterminate when nothing else fails', async () => {
    const resolver = createStaticClaimResolver({
      'me.example.com': [groupId],
      'com.example.me': { error: 'timeout' },
    });
    const result = await attest(input, { resolver });
    expect(result.status).toBe('indeterminate');
    expect(result.reasons).toEqual([
      {
        code: 'lookup-failed',
        domain: 'com.example.me',
        message:
          'the claims of com.example.me are unknown: timeout: lookup of _suns.com.example.me failed: timeout',
      },
    ]);
    expect(result.records).toBeUndefined();
  });

  it('is invalid, not indeterminate, when another hostname fails for certain', async () => {
    const foreign = calculateGroupIdV1(other, 'e', pair);
    const conflict = createStaticClaimResolver({
      'me.example.com': [foreign],
      'com.example.me': { error: 'servfail' },
    });
    const conflicted = await attest(input, { resolver: conflict });
    expect(conflicted.status).toBe('invalid');
    expect(conflicted.reasons.map((reason) => reason.code)).toEqual([
      'owner-conflict',
      'missing-claim',
      'lookup-failed',
    ]);

    const missing = createStaticClaimResolver({ 'com.example.me': { error: 'timeout' } });
    expect((await attest(input, { resolver: missing })).status).toBe('invalid');
  });

  it('is invalid when the symmetry fails, whatever DNS says', async () => {
    const resolver = both({ error: 'timeout' });
    const result = await attest({ owner, type: 'a', domains: ['me.example.com'] }, { resolver });
    expect(result.status).toBe('invalid');
    expect(result.reasons.map((reason) => reason.code)).toEqual(['symmetry-failed']);
  });

  it('treats a resolver that throws or returns nonsense as a lookup error', async () => {
    const throwing: ClaimResolver = {
      lookup: async (domain) => {
        if (domain === 'me.example.com') throw new Error('socket exploded');
        return { status: 'found', name: `_suns.${domain}`, records: [groupId] };
      },
    };
    const result = await attest(input, { resolver: throwing });
    expect(result.status).toBe('indeterminate');
    expect(result.reasons[0]!.message).toMatch(/exception: the resolver threw: socket exploded/);

    const nonsense = { lookup: async () => ({ status: 'maybe' }) } as unknown as ClaimResolver;
    const odd = await attest(input, { resolver: nonsense });
    expect(odd.status).toBe('indeterminate');
    expect(odd.reasons[0]!.message).toMatch(
      /bad-lookup: the resolver returned \{"status":"maybe"\}/,
    );
  });
});

describe('options', () => {
  it('rejects unknown options and a missing resolver', async () => {
    await expect(attest(input, { resolver: both([]), timeout: 5 } as never)).rejects.toThrow(
      /unknown option "timeout"; known options are resolver, now/,
    );
    await expect(attest(input, {} as never)).rejects.toBeInstanceOf(AttestationError);
    await expect(attest(input, { resolver: both([]), now: 'today' } as never)).rejects.toThrow(
      /options.now must be a Date/,
    );
  });
});

describe('attestChecked: input checked once, by checkAttestInput', () => {
  it('gives the group ID with the checked input, and the same result as attest', async () => {
    const checked = checkAttestInput({
      owner,
      type: 'E',
      domains: ['ME.example.com.', 'com.example.me'],
    });
    if (!checked.ok) throw new Error('the input should pass');
    expect(checked.input).toMatchObject({ owner, hostnames: pair, groupId });
    const resolver = both([groupId]);
    const result = await attestChecked(checked.input, { resolver, now: when });
    expect(result).toEqual(await attest(input, { resolver, now: when }));
    expect(result.expectedId).toBe(checked.input.groupId);
    expect(result.type.code).toBe('e');
  });

  it('still fails a group without its symmetry, before any lookup', async () => {
    const checked = checkAttestInput({
      owner,
      type: 'e',
      domains: ['me.example.com', 'org.example.me'],
    });
    if (!checked.ok) throw new Error('the input should pass');
    const resolver = both([groupId]);
    const result = await attestChecked(checked.input, { resolver });
    expect(result.reasons.map((reason) => reason.code)).toEqual(['symmetry-failed']);
    expect(resolver.lookups).toEqual([]);
  });

  it('checks its options', async () => {
    const checked = checkAttestInput(input);
    if (!checked.ok) throw new Error('the input should pass');
    await expect(attestChecked(checked.input, {} as never)).rejects.toBeInstanceOf(
      AttestationError,
    );
  });
});
