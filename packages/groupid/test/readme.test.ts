// The README's example, run against this package's sources.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeBlocks, runReadmeBlock } from '../../../scripts/readme-example.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README', () => {
  it('prints the group ID and the parts its comments show', async () => {
    const [usage] = await readmeBlocks(root);
    expect(await runReadmeBlock(root, usage ?? '')).toEqual([
      'v1:a:DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=:+KAF43z0uQ/2zuW1oGrMaia5H6QU+3ZIRKEo2lldJzs=',
      'v1 a DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk=',
    ]);
  });
});
