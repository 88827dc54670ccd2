import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLE_LAYOUT } from './layout.js';

/** Where `apps/cli/bin/symval.js` (the linked `symval` bin) looks for the built CLI. */
export function cliEntry(root: string): string {
  return path.join(root, 'apps/cli/dist/main.js');
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([
    readFile(a).catch(() => undefined),
    readFile(b).catch(() => undefined),
  ]);
  return left !== undefined && right !== undefined && left.equals(right);
}

/**
 * Puts the dev build's CLI bundle where the `symval` bin runs it (`apps/cli/dist/main.js`),
 * unless the same file is there already. The bundle is self-contained (workspace code inlined,
 * npm packages by absolute path), so it replaces a `tsc` build's entry without needing its
 * other files; `pnpm symval` and `pnpm build` make their own again. The copy is renamed into
 * place, so runs started together never leave half a file. Returns true when it wrote.
 */
export async function installCli(root: string, buildDir: string): Promise<boolean> {
  if (!existsSync(path.join(root, 'apps/cli/package.json'))) return false;
  const bundle = path.join(buildDir, BUNDLE_LAYOUT.cli);
  const target = cliEntry(root);
  if (await sameContent(bundle, target)) return false;
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await copyFile(bundle, temporary);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return true;
}
