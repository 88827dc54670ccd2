// `@symval/records/snapshot` runs in the site: bundle it as a browser build would and fail if
// anything pulls in a Node built-in, the AWS SDK or dynamite (whose entry needs both).
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const SERVER_ONLY = /^(node:|@aws-sdk\/|@smithy\/|@symval\/dynamite-orm)/;

async function bundle(contents: string) {
  const refused: string[] = [];
  const spy: Plugin = {
    name: 'server-only',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (SERVER_ONLY.test(args.path) || isBuiltin(args.path)) {
          refused.push(`${args.path} (from ${args.importer || 'entry'})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [spy],
  });
  return { refused, code: result.outputFiles[0]!.text };
}

describe('browser bundle of the snapshot entry', () => {
  it('bundles everything @symval/records/snapshot exports without Node, the AWS SDK or dynamite', async () => {
    const { refused, code } = await bundle(`export * from './index.ts';`);
    expect(refused).toEqual([]);
    expect(code).toContain('readSnapshotDocument');
    expect(code).toContain('serializeSnapshot');
    // The sharded layout's reader and writer come along: the site reads the layout with them.
    expect(code).toContain('readLayoutRecords');
    expect(code).toContain('findLayoutOwner');
    // groupid's hashing comes along (it checks GroupID), and it is browser-safe too.
    expect(code).toContain('safeParseGroupId');
  });

  it('would notice the package’s main entry, which needs dynamite (the check itself works)', async () => {
    const { refused } = await bundle(`export * from '../index.ts';`);
    expect(refused).toContain(
      `@symval/dynamite-orm (from ${fileURLToPath(new URL('../time/rfc3339.ts', import.meta.url))})`,
    );
  });

  it('would notice the S3 entry, which is for Node', async () => {
    const { refused } = await bundle(`export * from './s3/index.ts';`);
    expect(refused).toContain(`@aws-sdk/client-s3 (from ${here}s3/get-text.ts)`);
  });
});
