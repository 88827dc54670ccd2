import { describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

describe('symval check', () => {
  it('exits 0 for hostnames with the symmetry', async () => {
    const result = await runSymval(['check', '--type', 'flip180', 'ZQ.suns.bz.']);
    expect(result).toEqual({
      code: 0,
      stdout: 'symmetric: zq.suns.bz is a flip180 (b) group\n',
      stderr: '',
    });
  });

  it("exits 1 with the validator's reason for hostnames without it", async () => {
    const result = await runSymval(['check', '--type', 'b', 'zq.suns.bzz']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'not symmetric: zq.suns.bzz is not a flip180 (b) group: "zq.suns.bzz" turned 180° reads "zzq.suns.bz", not itself\n',
    );
  });

  it('exits 1 when the type needs another number of hostnames', async () => {
    const result = await runSymval(['check', '--json', '--type', 'e', 'me.example.com']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      code: 'symmetry.hostname-count',
      type: { code: 'e', name: 'mirrornames' },
      hostnames: ['me.example.com'],
    });
  });

  it('prints a JSON document for a valid pair', async () => {
    const result = await runSymval([
      'check',
      '--json',
      '--type',
      'e',
      'me.example.com',
      'com.example.me',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      type: { code: 'e', name: 'mirrornames' },
      hostnames: ['me.example.com', 'com.example.me'],
    });
  });

  it('exits 2 without --type, showing an example', async () => {
    const result = await runSymval(['check', 'zq.suns.bz']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "symval check: error: 'check' needs --type <name|code> (the symmetry type, as a name (palindrome) or a code (a))\n" +
        'For example: symval check --type flip180 zq.suns.bz\n',
    );
  });
});
