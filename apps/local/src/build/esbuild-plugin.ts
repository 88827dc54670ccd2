import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import type { SourceResolver } from './source-resolve.js';

const SKIP = Symbol('symval-workspace-source');

/**
 * Bundles the workspace's own code from source and leaves every npm package where it is:
 *
 * - `@symval/*` imports are read from the packages' `src/` (see {@link SourceResolver});
 * - other bare imports stay imports, of the file Node would load, by absolute path: with pnpm
 *   each package sees only its own dependencies, and a bundle in another folder could not
 *   find them by name;
 * - `import.meta.url` in workspace sources is the source file's URL, so code that finds
 *   files next to itself (DynamoDB Local's jar, s3rver's internals, the repository root)
 *   finds them as it does from `dist/`.
 */
export function workspaceSourcePlugin(resolver: SourceResolver): Plugin {
  return {
    name: 'symval-workspace-source',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if ((args.pluginData as { [SKIP]?: boolean } | undefined)?.[SKIP]) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const source = resolver.sourceOf(args.path, args.resolveDir);
        if (source) return { path: source };
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { [SKIP]: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: true };
      });
      build.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return { contents: text.replace(/\bimport\.meta\.url\b/g, url), loader: 'ts' };
      });
    },
  };
}
