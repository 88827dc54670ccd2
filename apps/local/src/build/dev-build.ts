import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalError } from '../errors.js';
import { buildSite } from './build-site.js';
import { bundleCli, bundleStack } from './bundle-stack.js';
import { inputsHash } from './inputs.js';
import { installCli } from './install-cli.js';
import { BUNDLE_LAYOUT } from './layout.js';
import { createSourceResolver } from './source-resolve.js';

/** A dev build ready to run. */
export interface DevBuild {
  /** The build directory (see `BUNDLE_LAYOUT`). */
  dir: string;
  /** True when an equal build was there already. */
  cached: boolean;
  /** How long it took to find or make it. */
  ms: number;
}

/** Options of {@link ensureDevBuild}. */
export interface DevBuildOptions {
  /** The repository root. */
  root: string;
  /** Where builds are kept; default `node_modules/.cache/symval-local` at the root. */
  cacheDir?: string;
  /** Called before a build is made (not when one is found). */
  onBuild?: () => void;
}

const COMPLETE = 'complete.json';
const KEEP = 3;
const STALE_PARTIAL_MS = 3_600_000;

function describeBuildError(error: unknown, root: string): string {
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    // esbuild: one message per problem, with the file and position.
    return errors
      .slice(0, 5)
      .map((item: { text?: string; location?: { file: string; line: number; column: number } }) =>
        item.location
          ? `${item.location.file}:${item.location.line}:${item.location.column}: ${item.text}`
          : String(item.text),
      )
      .join('; ');
  }
  const id = (error as { id?: unknown }).id;
  const message = error instanceof Error ? error.message : String(error);
  return typeof id === 'string' && !message.includes(id)
    ? `${path.relative(root, id)}: ${message}`
    : message;
}

async function prune(cacheDir: string, keep: string): Promise<void> {
  const entries = await readdir(cacheDir, { withFileTypes: true }).catch(() => []);
  const builds: Array<{ dir: string; used: number }> = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(cacheDir, entry.name);
    if (entry.name.includes('.partial-')) {
      // A build that was stopped half-way; one in progress is younger than this.
      const info = await stat(dir).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > STALE_PARTIAL_MS) {
        await rm(dir, { recursive: true, force: true });
      }
      continue;
    }
    const info = await stat(path.join(dir, COMPLETE)).catch(() => undefined);
    builds.push({ dir, used: info?.mtimeMs ?? 0 });
  }
  builds.sort((a, b) => b.used - a.used);
  for (const { dir } of builds.slice(KEEP)) {
    if (dir !== keep) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Finds or makes the build `pnpm dev` runs: the stack process and the three handlers bundled
 * by esbuild, the site built by Vite and the `symval` CLI bundled by esbuild (installed where
 * its bin runs it, see `installCli`), all from the sources (no `tsc`, no turbo), so a fresh
 * clone starts in seconds. Builds are kept by a hash of their inputs (see
 * `inputsHash`): an unchanged tree starts with no build at all, and runs started together
 * (tests) share one. A failed build throws `LocalError` `build.failed` naming the file and
 * position.
 */
export async function ensureDevBuild(options: DevBuildOptions): Promise<DevBuild> {
  const started = Date.now();
  const { root } = options;
  const cacheDir = options.cacheDir ?? path.join(root, 'node_modules', '.cache', 'symval-local');
  const key = await inputsHash(root);
  const dir = path.join(cacheDir, key.slice(0, 20));
  const complete = path.join(dir, COMPLETE);
  if (existsSync(complete)) {
    const now = new Date();
    await utimes(complete, now, now).catch(() => {});
    await installCli(root, dir);
    return { dir, cached: true, ms: Date.now() - started };
  }

  options.onBuild?.();
  const work = `${dir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(work, { recursive: true });
  const resolver = createSourceResolver(root);
  try {
    await Promise.all([
      bundleStack(root, work, resolver),
      bundleCli(root, path.join(work, BUNDLE_LAYOUT.cli), resolver),
      buildSite(root, path.join(work, BUNDLE_LAYOUT.site), work, resolver),
    ]);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw new LocalError('build.failed', `the build failed: ${describeBuildError(error, root)}`, {
      cause: error,
    });
  }
  await writeFile(
    path.join(work, COMPLETE),
    `${JSON.stringify({ key, ms: Date.now() - started })}\n`,
  );
  try {
    await rename(work, dir);
  } catch (error) {
    // Another run made the same build first: theirs is as good as ours.
    await rm(work, { recursive: true, force: true });
    if (!existsSync(complete)) throw error;
  }
  await prune(cacheDir, dir);
  await installCli(root, dir);
  return { dir, cached: false, ms: Date.now() - started };
}
