// The validators and @symval/groupid run in the browser: bundle them as the site would and
// fail if anything pulls in a Node built-in.
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

function bundle(contents: string) {
  const nodeImports: string[] = [];
  const spy: Plugin = {
    name: 'node-builtins',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.path.startsWith('node:') || isBuiltin(args.path)) {
          nodeImports.push(`${args.path} (from ${args.importer || 'entry'})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
  return build({
    stdin: { contents, resolveDir: here, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [spy],
  }).then((result) => ({ nodeImports, code: result.outputFiles[0]!.text }));
}

describe('browser bundle', () => {
  it('bundles @symval/groupid and the validators without any Node built-in', async () => {
    const { nodeImports, code } = await bundle(`
      export * from '@symval/groupid';
      export * from './validators/index.ts';
    `);
    expect(nodeImports).toEqual([]);
    expect(code).toContain('validateSymmetry');
    expect(code).toContain('calculateGroupIdV1');
  });

  it('would notice a Node built-in (the check itself works)', async () => {
    const { nodeImports } = await bundle(`
      import { createHash } from 'node:crypto';
      import path from 'path';
      export const x = [createHash, path];
    `);
    expect(nodeImports).toEqual(['node:crypto (from <stdin>)', 'path (from <stdin>)']);
  });
});
