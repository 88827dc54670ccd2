import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputsHash, stackPackages } from './inputs.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

describe('stackPackages', () => {
  it('lists apps/local, apps/cli and the workspace packages they run, not test or build helpers', async () => {
    const names = (await stackPackages(root)).map((dir) => path.relative(root, dir)).sort();
    expect(names).toEqual(
      [
        'apps/cli',
        'apps/httpapi',
        'apps/local',
        'apps/reattestbatch',
        'apps/streamer',
        'apps/web',
        'packages/attestation',
        'packages/dns-claims',
        'packages/dynamite-orm',
        'packages/groupid',
        'packages/local-services',
        'packages/records',
        'packages/settings',
        'packages/snapshot-builder',
      ].sort(),
    );
  });
});

describe('inputsHash', () => {
  let repo: string;

  beforeAll(async () => {
    // A workspace of one package with no dependencies: enough to see what the hash reads.
    repo = await mkdtemp(path.join(os.tmpdir(), 'symval-inputs-'));
    await mkdir(path.join(repo, 'apps/local/src'), { recursive: true });
    await writeFile(path.join(repo, 'package.json'), '{"private":true}');
    await writeFile(path.join(repo, 'apps/local/package.json'), '{"name":"@symval/local"}');
    await writeFile(path.join(repo, 'apps/local/src/a.ts'), 'export const a = 1;\n');
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('changes with a source file and a VITE_ variable, not with tests, docs or output', async () => {
    const before = await inputsHash(repo, {});
    expect(await inputsHash(repo, {})).toBe(before);
    await writeFile(path.join(repo, 'apps/local/src/a.test.ts'), 'test');
    await writeFile(path.join(repo, 'apps/local/README.md'), '# docs');
    await mkdir(path.join(repo, 'apps/local/dist'));
    await writeFile(path.join(repo, 'apps/local/dist/a.js'), 'built');
    expect(await inputsHash(repo, {})).toBe(before);
    expect(await inputsHash(repo, { VITE_API_BASE: 'https://api.example' })).not.toBe(before);
    await writeFile(path.join(repo, 'apps/local/src/a.ts'), 'export const a = 2;\n');
    expect(await inputsHash(repo, {})).not.toBe(before);
  });
});
