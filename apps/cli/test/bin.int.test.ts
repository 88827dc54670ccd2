import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, runCliProcess } from './run-cli.js';

const pkg = JSON.parse(readFileSync(join(APP_DIR, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

beforeAll(async () => {
  // The same build as `pnpm build`: the bin must run from dist, not only under tsx.
  await promisify(execFile)(process.execPath, [
    join(APP_DIR, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(APP_DIR, 'tsconfig.build.json'),
  ]);
});

describe('the built symval bin', () => {
  it('is a committed entry with a node shebang that loads dist, so pnpm can link it before a build', () => {
    expect(pkg.bin).toEqual({ symval: './bin/symval.js' });
    const entry = readFileSync(join(APP_DIR, 'bin/symval.js'), 'utf8');
    expect(entry.split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(entry).toContain("new URL('../dist/main.js', import.meta.url)");
    expect(statSync(join(APP_DIR, 'bin/symval.js')).mode & 0o111).not.toBe(0);
  });

  it('runs with node and reads its version from package.json', async () => {
    const result = await runCliProcess(['--version'], { entry: 'bin' });
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('calculates the known group ID', async () => {
    const result = await runCliProcess(
      [
        'groupid',
        '--json',
        '--owner',
        'https://example.blog',
        '--type',
        'a',
        'etutitsni.elpmaxe.example.institute',
      ],
      { entry: 'bin' },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).groupId).toBe(
      'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
    );
  });

  it('says how to build it, with no stack trace, when dist is missing', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'symval-cli-bin-'));
    try {
      cpSync(join(APP_DIR, 'bin'), join(copy, 'bin'), { recursive: true });
      const failure = await promisify(execFile)(process.execPath, [
        join(copy, 'bin/symval.js'),
        '--version',
      ]).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toBe(
        'symval: this copy of the CLI is not built yet (dist/main.js is missing).\n' +
          'From the repository root, run it as `pnpm symval …` (it builds first), or build it once:\n' +
          '  pnpm turbo run build --filter=@symval/cli...\n',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
