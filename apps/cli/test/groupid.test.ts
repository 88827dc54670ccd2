import { describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

const KNOWN_ID =
  'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=';

describe('symval groupid', () => {
  it('prints the known group ID and the TXT record to create', async () => {
    const result = await runSymval([
      'groupid',
      '--owner',
      'https://example.blog',
      '--type',
      'a',
      'etutitsni.elpmaxe.example.institute',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Group ID  ${KNOWN_ID}\n`);
    expect(result.stdout).toContain(
      `  _suns.etutitsni.elpmaxe.example.institute TXT "${KNOWN_ID}"\n`,
    );
    // stdout is a pipe here: no colour codes.
    expect(result.stdout).not.toContain('\u001b');
  });

  it('normalises hostnames and accepts the type by name, giving the same ID', async () => {
    const result = await runSymval([
      'groupid',
      '--json',
      '--owner=https://example.blog',
      '--type=Palindrome',
      'EtutitsnI.elpmaxe.Example.Institute.',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      groupId: KNOWN_ID,
      owner: 'https://example.blog',
      type: { code: 'a', name: 'palindrome' },
      hostnames: ['etutitsni.elpmaxe.example.institute'],
      txtRecords: [
        { name: '_suns.etutitsni.elpmaxe.example.institute', type: 'TXT', value: KNOWN_ID },
      ],
      symmetry: { ok: true },
      warnings: [],
    });
  });

  it('still calculates the ID of a group that lacks its symmetry, with a warning', async () => {
    const result = await runSymval([
      'groupid',
      '--owner',
      'https://me.example',
      '--type',
      'mirrornames',
      'me.example.com',
      'com.example.you',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Group ID {2}v1:e:/);
    expect(result.stderr).toMatch(
      /^warning: these hostnames are not a valid mirrornames \(e\) group, so attestation will reject them: /,
    );
  });

  it('warns that an owner with surrounding whitespace is hashed as given', async () => {
    const result = await runSymval([
      'groupid',
      '--json',
      '--owner',
      ' https://example.blog',
      '--type',
      'a',
      'etutitsni.elpmaxe.example.institute',
    ]);
    const output = JSON.parse(result.stdout);
    expect(output.groupId).not.toBe(KNOWN_ID);
    expect(output.warnings).toEqual([
      'the owner " https://example.blog" has surrounding whitespace; it is hashed as given, so the group ID differs from the one without it',
    ]);
  });

  it('rejects an unknown type with exit code 2, listing the valid types', async () => {
    const result = await runSymval(['groupid', '--owner', 'o', '--type', 'zigzag', 'a.example']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'symval groupid: error: unknown symmetry type "zigzag"\n' +
        'Use a name or a code: palindrome (a), flip180 (b), doubleflip180 (c), mirrortext (d), mirrornames (e), doublepalindrome (f), singlemirrornames (g), doublemirrortext (h).\n',
    );
  });

  it('rejects every malformed hostname at once with exit code 2', async () => {
    const result = await runSymval([
      'groupid',
      '--json',
      '--owner',
      'o',
      '--type',
      'e',
      'https://a.example/',
      'a..example',
    ]);
    expect(result.code).toBe(2);
    const { error } = JSON.parse(result.stdout);
    expect(error.code).toBe('input.hostname');
    expect(error.message).toMatch(
      /^2 arguments are not hostnames: "https:\/\/a\.example\/": .*; "a\.\.example": /,
    );
    expect(error.hint).toBe('Give hostnames such as zq.suns.bz: no scheme, path or port.');
  });

  it('rejects an empty owner with exit code 2', async () => {
    const result = await runSymval(['groupid', '--owner=', '--type', 'a', 'a.example']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--owner must not be empty');
  });
});
