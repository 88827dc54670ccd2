// Runs a package README's ```ts blocks inside a vitest test, against the package's own
// sources, and returns what they printed. Shared by the README tests of the packages whose
// examples need no server (the ones that do start a server keep their own test: see
// packages/dynamite-orm/test/readme.int.test.ts).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

/** Options of {@link runReadmeBlock}. */
export interface ReadmeBlockOptions {
  /** Text replaced in the block before it runs (an endpoint for a test server, say). */
  replace?: Record<string, string>;
}

/** The ```ts blocks of `<packageRoot>/README.md`, in order. */
export async function readmeBlocks(packageRoot: string): Promise<string[]> {
  const readme = await readFile(path.join(packageRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

let runs = 0;

/**
 * Runs one README block as its own module, its imports of the workspace packages pointed at
 * their sources (so the example is checked against the code in this commit, not a build),
 * and returns each `console.log` line as Node would print it.
 */
export async function runReadmeBlock(
  packageRoot: string,
  source: string,
  options: ReadmeBlockOptions = {},
): Promise<string[]> {
  let program = source.replace(
    /from '(@symval\/[^'/]+)((?:\/[^']+)?)'/g,
    (_, name: string, subpath: string) => `from '${sourceOf(packageRoot, name, subpath)}'`,
  );
  for (const [from, to] of Object.entries(options.replace ?? {})) {
    program = program.replaceAll(from, to);
  }
  const dir = path.join(packageRoot, 'test-artifacts');
  await mkdir(dir, { recursive: true });
  runs += 1;
  const file = path.join(dir, `readme-block-${process.pid}-${runs}.ts`);
  await writeFile(file, `${program}\nexport {};\n`);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(...format(...args).split('\n'));
  };
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
  }
  return lines;
}

/** `@symval/x/sub` -> the TypeScript source behind it in this repository. */
function sourceOf(packageRoot: string, name: string, subpath: string): string {
  const folder = name.replace('@symval/', '');
  const repo = path.resolve(packageRoot, '..', '..');
  const parent =
    ['packages', 'apps'].find((group) =>
      existsSync(path.join(repo, group, folder, 'package.json')),
    ) ?? 'packages';
  const entry = subpath === '' ? 'index.ts' : `${subpath.slice(1)}/index.ts`;
  return path.join(repo, parent, folder, 'src', entry);
}
