// `pnpm changeset version` on a scratch clone of this repository: every public package named
// in a changeset gets its CHANGELOG.md with the changeset's summary and its new version, the
// private packages are left alone, and the changesets are used up. The clone has what is
// committed (HEAD), not the working tree.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import parseChangeset from '@changesets/parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../..', import.meta.url));
const BUMPS = ['patch', 'minor', 'major'] as const;
type Bump = (typeof BUMPS)[number];

interface Changeset {
  file: string;
  releases: Map<string, Bump>;
  summary: string;
}

async function changesets(dir: string): Promise<Changeset[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md') && name !== 'README.md');
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), 'utf8');
      // Read as changesets reads it (YAML front matter), so any quoting of a name is understood.
      const parsed = parseChangeset(text);
      const releases = new Map(parsed.releases.map((r) => [r.name, r.type as Bump] as const));
      return { file, releases, summary: parsed.summary.trim() };
    }),
  );
}

function bumped(bump: Bump): string {
  return { patch: '0.0.1', minor: '0.1.0', major: '1.0.0' }[bump];
}

let clone: string;
let pending: Changeset[];

beforeAll(async () => {
  clone = await mkdtemp(path.join(os.tmpdir(), 'symval-changeset-'));
  await run('git', ['clone', '--quiet', '--no-local', repo, clone]);
  // The changelog generator is resolved from the clone; it is the workspace's own.
  await symlink(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  pending = await changesets(path.join(clone, '.changeset'));
  await run(process.execPath, [path.join(repo, 'node_modules/@changesets/cli/bin.js'), 'version'], {
    cwd: clone,
  });
});

afterAll(async () => {
  if (clone) await rm(clone, { recursive: true, force: true });
});

async function manifestOf(
  name: string,
): Promise<{ dir: string; version: string; private?: boolean }> {
  for (const group of ['packages', 'apps']) {
    for (const entry of await readdir(path.join(clone, group))) {
      const file = path.join(clone, group, entry, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      if (manifest.name === name) return { ...manifest, dir: path.join(clone, group, entry) };
    }
  }
  throw new Error(`no package ${name} in the clone`);
}

describe('pnpm changeset version', () => {
  it('writes a CHANGELOG.md per released package with each of its changesets', async () => {
    const released = new Map<string, Bump>();
    for (const changeset of pending) {
      for (const [name, bump] of changeset.releases) {
        const before = released.get(name);
        if (!before || BUMPS.indexOf(bump) > BUMPS.indexOf(before)) released.set(name, bump);
      }
    }
    expect(released.size).toBeGreaterThan(0);
    for (const [name, bump] of released) {
      const manifest = await manifestOf(name);
      expect(manifest.private, `${name} is named in a changeset but private`).toBeUndefined();
      expect(manifest.version, name).toBe(bumped(bump));
      const changelog = await readFile(path.join(manifest.dir, 'CHANGELOG.md'), 'utf8');
      expect(
        changelog.startsWith(`# ${name}\n\n## ${bumped(bump)}\n`),
        changelog.slice(0, 200),
      ).toBe(true);
      for (const changeset of pending.filter((c) => c.releases.has(name))) {
        const firstLine = changeset.summary.split('\n')[0] ?? '';
        expect(changelog, `${changeset.file} in ${name}'s CHANGELOG`).toContain(firstLine);
      }
    }
  });

  it('leaves private packages unversioned and uses the changesets up', async () => {
    for (const name of ['@symval/local-services', '@symval/httpapi', '@symval/local']) {
      const manifest = await manifestOf(name);
      expect(manifest.version, name).toBe('0.0.0');
      expect(existsSync(path.join(manifest.dir, 'CHANGELOG.md')), name).toBe(false);
    }
    expect(await changesets(path.join(clone, '.changeset'))).toEqual([]);
  });
});
