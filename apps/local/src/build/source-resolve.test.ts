import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSourceResolver } from './source-resolve.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const from = (dir: string) => path.join(root, dir);

describe('createSourceResolver', () => {
  const resolver = createSourceResolver(root);

  it("maps a workspace package's exports to the sources they are built from", () => {
    expect(resolver.sourceOf('@symval/records', from('apps/local/src'))).toBe(
      path.join(root, 'packages/records/src/index.ts'),
    );
    expect(resolver.sourceOf('@symval/records/snapshot', from('apps/web/src'))).toBe(
      path.join(root, 'packages/records/src/snapshot/index.ts'),
    );
    expect(resolver.sourceOf('@symval/attestation/validators', from('apps/web'))).toBe(
      path.join(root, 'packages/attestation/src/validators/index.ts'),
    );
  });

  it('leaves npm packages, unexported subpaths and non-code exports to Node', () => {
    expect(resolver.sourceOf('@aws-sdk/client-dynamodb', from('apps/local/src'))).toBeUndefined();
    expect(resolver.sourceOf('esbuild', from('apps/local/src'))).toBeUndefined();
    expect(resolver.sourceOf('@symval/records/nothing', from('apps/local/src'))).toBeUndefined();
    expect(
      resolver.sourceOf('@symval/records/package.json', from('apps/local/src')),
    ).toBeUndefined();
    // Not a dependency of the importing package: Node could not find it either.
    expect(resolver.sourceOf('@symval/cli', from('packages/groupid/src'))).toBeUndefined();
  });
});
