// Builds the site with Vite's API into a directory of the caller's choosing.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { measureFiles, type SizeReport } from '../../build/size.js';

const PACKAGE_DIR = join(import.meta.dirname, '..', '..');

/**
 * Builds the site into `outDir`. `env` sets `VITE_*` variables for this build only (the
 * config reads them from `process.env`).
 */
export async function buildSite(outDir: string, env: Record<string, string> = {}): Promise<void> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    await build({
      configFile: join(PACKAGE_DIR, 'vite.config.ts'),
      build: { outDir },
      logLevel: 'warn',
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Gzipped sizes of the JavaScript in a built site. */
export async function measureBuiltJs(siteDir: string): Promise<SizeReport> {
  const assets = join(siteDir, 'assets');
  const names = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  const files = await Promise.all(
    names.map(async (name) => ({ name, contents: await readFile(join(assets, name)) })),
  );
  return measureFiles(files);
}
