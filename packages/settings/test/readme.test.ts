// The README's example, run against this package's sources.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeBlocks, runReadmeBlock } from '../../../scripts/readme-example.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('reads the settings its comments show and names the bad value', async () => {
    const [usage] = await readmeBlocks(root);
    expect(await runReadmeBlock(root, usage ?? '')).toEqual([
      'symval-dev-domains',
      '8',
      'records/domains.json',
      'REATTEST_CONCURRENCY must be an integer from 1 to 1024, received "0"',
    ]);
  });
});
