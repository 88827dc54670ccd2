import { describe, expect, it } from 'vitest';
import { readReattestBatchConfig } from './config.js';

const notLinked = () => undefined;
const base = { DOMAIN_TABLE_NAME: 'records', SNAPSHOT_BUCKET: 'site' };

describe('readReattestBatchConfig', () => {
  it('uses the defaults of docs/configuration.md', () => {
    expect(readReattestBatchConfig(base, notLinked)).toEqual({
      tableName: 'records',
      bucket: 'site',
      snapshotKey: 'records/domains.json',
      stateKey: 'state/snapshot-state.json',
      layoutIndexKey: 'records/v1/index.json',
      dnsServers: undefined,
      concurrency: 32,
      graceHours: 72,
    });
  });

  it('reads every variable, and the linked table and bucket when unset', () => {
    const linked = (name: string) =>
      name === 'DomainTable' ? 'linked-table' : name === 'SiteBucket' ? 'linked-bucket' : undefined;
    expect(
      readReattestBatchConfig(
        {
          SNAPSHOT_KEY: 'r/d.json',
          SNAPSHOT_STATE_KEY: 's/s.json',
          DNS_SERVERS: '127.0.0.1:5353',
          REATTEST_CONCURRENCY: '8',
          REATTEST_GRACE_HOURS: '24',
          SNAPSHOT_LAYOUT_INDEX_KEY: 'r/v1/i.json',
        },
        linked,
      ),
    ).toEqual({
      tableName: 'linked-table',
      bucket: 'linked-bucket',
      snapshotKey: 'r/d.json',
      stateKey: 's/s.json',
      layoutIndexKey: 'r/v1/i.json',
      dnsServers: ['127.0.0.1:5353'],
      concurrency: 8,
      graceHours: 24,
    });
  });

  it.each([
    [{ SNAPSHOT_BUCKET: 'b' }, 'DOMAIN_TABLE_NAME'],
    [{ DOMAIN_TABLE_NAME: 't' }, 'SNAPSHOT_BUCKET'],
    [
      { ...base, REATTEST_CONCURRENCY: '0' },
      'REATTEST_CONCURRENCY must be an integer from 1 to 1024, received "0"',
    ],
    [{ ...base, REATTEST_CONCURRENCY: 'many' }, 'REATTEST_CONCURRENCY'],
    [{ ...base, REATTEST_GRACE_HOURS: '0.5' }, 'REATTEST_GRACE_HOURS'],
    [{ ...base, DNS_SERVERS: 'resolver.example' }, 'DNS_SERVERS'],
  ])('refuses %j, saying %s', (env, words) => {
    expect(() => readReattestBatchConfig(env, notLinked)).toThrow(
      expect.objectContaining({ code: 'config.invalid', message: expect.stringContaining(words) }),
    );
  });
});
