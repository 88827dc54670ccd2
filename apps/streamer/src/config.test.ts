import { describe, expect, it } from 'vitest';
import { s3ClientOptions } from './clients.js';
import { readStreamerConfig, StreamerConfigError, sstLinked } from './config.js';

const noLinks = async () => undefined;

describe('readStreamerConfig', () => {
  it('reads the variables of docs/configuration.md with their defaults', async () => {
    expect(await readStreamerConfig({ SNAPSHOT_BUCKET: 'site' }, noLinks)).toEqual({
      bucket: 'site',
      key: 'records/domains.json',
      stateKey: 'state/snapshot-state.json',
      indexKey: 'records/v1/index.json',
      statePrefix: 'state/v2/',
      wholeFileThresholdBytes: 4_194_304,
      wholeFileIntervalMs: 300_000,
      tableName: undefined,
      s3Endpoint: undefined,
      logLevel: 'INFO',
      serviceName: 'streamer',
    });
  });

  it('prefers variables to SST links and falls back to the links when they are absent', async () => {
    const links = async (name: string, field: string) =>
      field === 'name' ? `linked-${name}` : undefined;
    expect(
      await readStreamerConfig(
        { SNAPSHOT_BUCKET: 'env-bucket', DOMAIN_TABLE_NAME: 'env-table' },
        links,
      ),
    ).toMatchObject({
      bucket: 'env-bucket',
      tableName: 'env-table',
    });
    expect(await readStreamerConfig({}, links)).toMatchObject({
      bucket: 'linked-SiteBucket',
      tableName: 'linked-DomainTable',
    });
  });

  it('reads the sharded layout settings and refuses a state folder inside the public one', async () => {
    expect(
      await readStreamerConfig(
        {
          SNAPSHOT_BUCKET: 'site',
          SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES: '0',
          SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS: '60',
        },
        noLinks,
      ),
    ).toMatchObject({ wholeFileThresholdBytes: 0, wholeFileIntervalMs: 60_000 });
    await expect(
      readStreamerConfig(
        { SNAPSHOT_BUCKET: 'site', SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES: '4 MiB' },
        noLinks,
      ),
    ).rejects.toThrow(/SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES/);
    await expect(
      readStreamerConfig(
        { SNAPSHOT_BUCKET: 'site', SNAPSHOT_STATE_PREFIX: 'records/v1/state/' },
        noLinks,
      ),
    ).rejects.toThrow(/SNAPSHOT_STATE_PREFIX.*must be two separate folders/);
  });

  it('names the variable when the bucket is missing or a value is unusable', async () => {
    await expect(readStreamerConfig({}, noLinks)).rejects.toThrow(/SNAPSHOT_BUCKET is not set/);
    await expect(readStreamerConfig({}, noLinks)).rejects.toBeInstanceOf(StreamerConfigError);
    await expect(
      readStreamerConfig(
        { SNAPSHOT_BUCKET: 'b', SNAPSHOT_STATE_KEY: 'records/domains.json' },
        noLinks,
      ),
    ).rejects.toThrow(/must differ/);
    await expect(
      readStreamerConfig({ SNAPSHOT_BUCKET: 'b', LOG_LEVEL: 'LOUD' }, noLinks),
    ).rejects.toThrow(/LOG_LEVEL must be one of/);
  });

  it('reads SST links through the sst package, and nothing when a name is not linked', async () => {
    process.env.SST_RESOURCE_SiteBucket = JSON.stringify({
      name: 'sst-linked-bucket',
      type: 'sst.aws.Bucket',
    });
    try {
      expect(await sstLinked('SiteBucket', 'name')).toBe('sst-linked-bucket');
      expect(await sstLinked('NotLinkedAnywhere', 'name')).toBeUndefined();
    } finally {
      delete process.env.SST_RESOURCE_SiteBucket;
    }
  });
});

describe('s3ClientOptions', () => {
  it('uses path-style requests and checksums only when required against a local endpoint', () => {
    expect(s3ClientOptions({ s3Endpoint: 'http://127.0.0.1:4569' })).toEqual({
      endpoint: 'http://127.0.0.1:4569',
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    expect(s3ClientOptions({ s3Endpoint: undefined })).toEqual({});
  });
});
