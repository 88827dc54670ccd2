import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Maps an import of a workspace package to the TypeScript source its export is built from. */
export interface SourceResolver {
  /**
   * The source file behind `specifier` (`@symval/records`, `@symval/records/snapshot`) as
   * imported from `fromDir`: the export's `dist/<x>.js` read as `src/<x>.ts`. `undefined`
   * for anything else (npm packages, exports that are not built from `src/`), which then
   * resolves as Node would.
   */
  sourceOf(specifier: string, fromDir: string): string | undefined;
}

const WORKSPACE_SPECIFIER = /^(@symval\/[^/]+)(\/.+)?$/;

type ExportTarget = string | { default?: unknown; import?: unknown } | null | undefined;

function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const entry = (exports as Record<string, ExportTarget>)[subpath];
  if (typeof entry === 'string') return entry;
  const target = entry?.import ?? entry?.default;
  return typeof target === 'string' ? target : undefined;
}

/**
 * A resolver for the packages of the workspace rooted at `root`: the same map from an export
 * to its file that each package's `exports` gives Node, one folder over (`dist/` is what
 * `tsc` writes from `src/`, file for file). The local stack is bundled from it, so `pnpm dev`
 * needs no `tsc` build of the packages it runs.
 *
 * @example
 * createSourceResolver('/repo').sourceOf('@symval/records/snapshot', '/repo/apps/web/src');
 * // '/repo/packages/records/src/snapshot/index.ts'
 */
export function createSourceResolver(root: string): SourceResolver {
  const realRoot = realpathSync(root);
  const manifests = new Map<string, { dir: string; exports: unknown } | null>();

  const manifestOf = (name: string, fromDir: string) => {
    const require = createRequire(path.join(fromDir, 'noop.js'));
    let file: string;
    try {
      file = realpathSync(require.resolve(`${name}/package.json`));
    } catch {
      return null;
    }
    if (manifests.has(file)) return manifests.get(file) ?? null;
    const dir = path.dirname(file);
    const inWorkspace =
      dir.startsWith(`${realRoot}${path.sep}`) &&
      !dir.includes(`${path.sep}node_modules${path.sep}`);
    const manifest = inWorkspace
      ? { dir, exports: (JSON.parse(readFileSync(file, 'utf8')) as { exports?: unknown }).exports }
      : null;
    manifests.set(file, manifest);
    return manifest;
  };

  return {
    sourceOf(specifier, fromDir) {
      const match = WORKSPACE_SPECIFIER.exec(specifier);
      if (!match) return undefined;
      const manifest = manifestOf(match[1]!, fromDir);
      if (!manifest) return undefined;
      const target = exportTarget(manifest.exports, match[2] ? `.${match[2]}` : '.');
      if (!target?.startsWith('./dist/') || !target.endsWith('.js')) return undefined;
      const source = path.join(
        manifest.dir,
        'src',
        `${target.slice('./dist/'.length, -'.js'.length)}.ts`,
      );
      return existsSync(source) ? source : undefined;
    },
  };
}
