import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InlineConfig, Plugin, UserConfig, UserConfigExport } from 'vite';
import { bundleViteConfig } from './bundle-stack.js';
import type { SourceResolver } from './source-resolve.js';

// The production build's size report (and budget) is for `pnpm build`; in `pnpm dev` it is
// noise before the URLs.
const PRODUCTION_ONLY_PLUGINS = new Set(['symval-size-report']);

function sourcePlugin(resolver: SourceResolver): Plugin {
  return {
    name: 'symval-workspace-source',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || importer.startsWith('\0')) return null;
      return resolver.sourceOf(source, path.dirname(importer)) ?? null;
    },
  };
}

async function loadWebConfig(root: string, workDir: string, resolver: SourceResolver) {
  const file = path.join(workDir, 'vite.config.mjs');
  await bundleViteConfig(root, file, resolver);
  const exported = ((await import(pathToFileURL(file).href)) as { default: UserConfigExport })
    .default;
  return (await (typeof exported === 'function'
    ? exported({ command: 'build', mode: 'production', isSsrBuild: false, isPreview: false })
    : exported)) as UserConfig;
}

/**
 * Builds the site as `vite build` does with `apps/web/vite.config.ts` (same root, pages,
 * plugins and CSP), but with the workspace packages read from source and the files written to
 * `outDir` instead of `apps/web/dist`.
 */
export async function buildSite(
  root: string,
  outDir: string,
  workDir: string,
  resolver: SourceResolver,
): Promise<void> {
  const config = await loadWebConfig(root, workDir, resolver);
  const plugins = (config.plugins ?? [])
    .flat()
    .filter(
      (plugin) =>
        !(plugin && typeof plugin === 'object' && 'name' in plugin) ||
        !PRODUCTION_ONLY_PLUGINS.has(plugin.name),
    );
  const { build } = await import('vite');
  const inline: InlineConfig = {
    ...config,
    configFile: false,
    logLevel: 'warn',
    plugins: [sourcePlugin(resolver), ...plugins],
    build: { ...config.build, outDir, emptyOutDir: true, reportCompressedSize: false },
  };
  await build(inline);
}
