import { describe, expect, it } from 'vitest';
import { sstLinked } from './index.js';

describe('sstLinked', () => {
  it('reads a link from SST_RESOURCE_* and nothing for a name that is not linked', () => {
    process.env.SST_RESOURCE_SiteBucket = JSON.stringify({
      name: 'sst-bucket',
      type: 'sst.aws.Bucket',
    });
    try {
      expect(sstLinked('SiteBucket', 'name')).toBe('sst-bucket');
      expect(sstLinked('SiteBucket', 'arn')).toBeUndefined();
      expect(sstLinked('NotLinkedAnywhere', 'name')).toBeUndefined();
    } finally {
      delete process.env.SST_RESOURCE_SiteBucket;
    }
  });
});
