import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// What is never an input of the stack: built output, dependencies, tests and docs.
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'dist',
  'test',
  'bench',
  '.turbo',
  'test-artifacts',
  'coverage',
  '.sst',
]);
const SKIPPED_FILE = /\.(test|int\.test)\.ts$|\.md$|^CHANGELOG/;

// Root files that change what the bundles contain or how they are made.
const ROOT_FILES = ['package.json', 'pnpm-lock.yaml', 'tsconfig.base.json'];

interface Manifest {
  dependencies?: Record<string, string>;
}

/**
 * The workspace packages `pnpm dev` builds: `apps/local`, the `symval` CLI (`apps/cli`) and,
 * through their `dependencies`, every workspace package they use at run time
 * (devDependencies are for tests and builds).
 */
export async function stackPackages(root: string): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (found.has(real)) return;
    found.add(real);
    const manifest = JSON.parse(
      await readFile(path.join(real, 'package.json'), 'utf8'),
    ) as Manifest;
    const require = createRequire(path.join(real, 'package.json'));
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!range.startsWith('workspace:')) continue;
      await visit(path.dirname(require.resolve(`${name}/package.json`)));
    }
  };
  await visit(path.join(root, 'apps/local'));
  if (existsSync(path.join(root, 'apps/cli/package.json')))
    await visit(path.join(root, 'apps/cli'));
  return [...found].sort();
}

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name))
        files.push(...(await filesUnder(path.join(dir, entry.name))));
    } else if (entry.isFile() && !SKIPPED_FILE.test(entry.name)) {
      files.push(path.join(dir, entry.name));
    }
  }
  return files;
}

/**
 * A hash of everything the dev build reads: the files of the stack's packages (sources, site
 * pages, configs; no tests, docs or output), the root manifests and lockfile, the `VITE_*`
 * variables the site build reads, the Node version and where the repository is (the bundles
 * import npm packages by absolute path). Equal hashes mean equal builds.
 */
export async function inputsHash(
  root: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  const hash = createHash('sha256');
  const realRoot = await realpath(root);
  hash.update(`root\0${realRoot}\0node\0${process.version}\0`);
  const vite = Object.entries(env)
    .filter(([name]) => name.startsWith('VITE_'))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  hash.update(`env\0${JSON.stringify(vite)}\0`);
  const files = ROOT_FILES.map((name) => path.join(realRoot, name));
  for (const dir of await stackPackages(realRoot)) files.push(...(await filesUnder(dir)));
  for (const file of files.sort()) {
    const content = await readFile(file).catch(() => undefined);
    hash.update(`${path.relative(realRoot, file)}\0`);
    hash.update(content ? createHash('sha256').update(content).digest('hex') : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}
