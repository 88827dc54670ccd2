import path from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_FILES, type FunctionName } from '../lambda/functions.js';
import { workspaceSourcePlugin } from './esbuild-plugin.js';
import { BUNDLE_LAYOUT } from './layout.js';
import type { SourceResolver } from './source-resolve.js';

/** The handler's source: its built file (docs/configuration.md) read as `src/<x>.ts`, as infra's handlers are. */
export function handlerSource(root: string, name: FunctionName): string {
  const { packageName, file } = FUNCTION_FILES[name];
  const folder = packageName.replace(/^@symval\//, '');
  const source = file.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
  return path.join(root, 'apps', folder, source);
}

const withoutJs = (file: string) => file.replace(/\.js$/, '');

/**
 * Bundles the stack process and the three handlers from source into `outDir`, as one esbuild
 * build with shared chunks (so they share module instances, as they do when loaded from
 * `dist/`). npm packages stay external (see {@link workspaceSourcePlugin}).
 */
export async function bundleStack(root: string, outDir: string, resolver: SourceResolver) {
  const entryPoints: Record<string, string> = {
    [withoutJs(BUNDLE_LAYOUT.stackProcess)]: path.join(
      root,
      'apps/local/src/process/stack-process.ts',
    ),
  };
  for (const name of Object.keys(BUNDLE_LAYOUT.functions) as FunctionName[]) {
    entryPoints[withoutJs(BUNDLE_LAYOUT.functions[name])] = handlerSource(root, name);
  }
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Node's own resolution: no bundler-only `module` field or condition.
    mainFields: ['main'],
    conditions: [],
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [workspaceSourcePlugin(resolver)],
  });
}

/** Bundles `apps/web/vite.config.ts` the same way, so the site can be built without `tsc`. */
export async function bundleViteConfig(
  root: string,
  outFile: string,
  resolver: SourceResolver,
): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'apps/web/vite.config.ts')],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    mainFields: ['main'],
    conditions: [],
    logLevel: 'silent',
    plugins: [workspaceSourcePlugin(resolver)],
  });
}

/**
 * Bundles the `symval` CLI (`apps/cli/src/main.ts`) into one file the same way: it is what
 * `apps/cli/bin/symval.js` runs, so `pnpm dev` leaves a working `symval` behind.
 */
export async function bundleCli(root: string, outFile: string, resolver: SourceResolver) {
  await build({
    entryPoints: [path.join(root, 'apps/cli/src/main.ts')],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    mainFields: ['main'],
    conditions: [],
    logLevel: 'silent',
    plugins: [workspaceSourcePlugin(resolver)],
  });
}
