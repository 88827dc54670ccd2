import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  it('is dist/main.js with a node shebang', () => {
    expect(pkg.bin).toEqual({ symval: './dist/main.js' });
    const firstLine = readFileSync(join(APP_DIR, 'dist/main.js'), 'utf8').split('\n')[0];
    expect(firstLine).toBe('#!/usr/bin/env node');
  });

  it('runs with node and reads its version from package.json', async () => {
    const result = await runCliProcess(['--version'], { entry: 'dist' });
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
      { entry: 'dist' },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).groupId).toBe(
      'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
    );
  });
});
