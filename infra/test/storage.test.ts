import { describe, expect, it } from 'vitest';
import {
  domainTableDefinition,
  erasureCheckpointTableDefinition,
  SNAPSHOT_KEY,
  SNAPSHOT_STATE_KEY,
  toSstDynamoArgs,
} from '../src/index.js';
import { ACCOUNT_ID, resolve } from './platform-stub.js';
import { functionArgs, runConfig } from './run-config.js';

const dev = await runConfig('dev');
const production = await runConfig('production');

type Statement = {
  effect?: 'allow' | 'deny';
  actions: string[];
  principals: unknown;
  paths?: string[];
  conditions?: { test: string; variable: string; values: string[] }[];
};

interface RecordedBucket {
  access?: string;
  policy: Statement[];
  cors: { allowOrigins: string[]; allowMethods: string[] };
  enforceHttps: boolean;
  transform: { publicAccessBlock: Record<string, boolean> };
}

const bucketOf = (run: typeof dev) =>
  resolve(run.recording.one('sst.aws.Bucket', 'SiteData').args) as RecordedBucket;

/** Whether an S3 policy path (with `*` wildcards, relative to the bucket) covers `key`. */
function covers(path: string, key: string): boolean {
  const pattern = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${pattern}$`).test(key);
}

describe('the DomainRecord table', () => {
  it('has string keys pk and sk, a stream of new and old images, and point-in-time recovery', () => {
    const args = resolve(dev.recording.one('sst.aws.Dynamo', 'DomainRecords').args);
    expect(args).toMatchObject({
      fields: { pk: 'string', sk: 'string' },
      primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
      stream: 'new-and-old-images',
      transform: {
        table: { pointInTimeRecovery: { enabled: true }, billingMode: 'PAY_PER_REQUEST' },
      },
    });
  });

  it('has the keys-only index byOwner (Owner, then pk), and defines no attribute no key uses', () => {
    const args = resolve(dev.recording.one('sst.aws.Dynamo', 'DomainRecords').args) as {
      fields: Record<string, string>;
      globalIndexes: Record<string, { hashKey: string; rangeKey: string; projection?: string }>;
      localIndexes?: unknown;
    };
    // SST's default projection is "all": keys-only must be explicit.
    expect(args.globalIndexes).toEqual({
      byOwner: { hashKey: 'Owner', rangeKey: 'pk', projection: 'keys-only' },
    });
    expect(args.localIndexes).toBeUndefined();
    // SST turns every field into an attribute definition; DynamoDB refuses one no key uses.
    expect(Object.keys(args.fields).sort()).toEqual(['Owner', 'pk', 'sk']);
    expect(args.fields.Owner).toBe('string');
  });

  it('is built from domainTableDefinition()', () => {
    for (const [run, deletionProtection] of [
      [dev, false],
      [production, true],
    ] as const) {
      expect(resolve(run.recording.one('sst.aws.Dynamo', 'DomainRecords').args)).toEqual(
        toSstDynamoArgs(domainTableDefinition(), { deletionProtection }),
      );
    }
  });

  it('is protected from deletion and retained in production, and removable in dev', () => {
    const table = (run: typeof dev) =>
      resolve(run.recording.one('sst.aws.Dynamo', 'DomainRecords').args) as {
        deletionProtection: boolean;
        transform: { table: { deletionProtectionEnabled: boolean } };
      };
    expect(table(production).deletionProtection).toBe(true);
    expect(table(production).transform.table.deletionProtectionEnabled).toBe(true);
    expect(production.app).toMatchObject({ removal: 'retain', protect: true });

    expect(table(dev).deletionProtection).toBe(false);
    expect(table(dev).transform.table.deletionProtectionEnabled).toBe(false);
    expect(dev.app).toMatchObject({ removal: 'remove', protect: false });
  });
});

describe('the erasure checkpoint table', () => {
  interface RecordedCheckpointTable {
    fields: Record<string, string>;
    primaryIndex: { hashKey: string; rangeKey: string };
    globalIndexes?: unknown;
    localIndexes?: unknown;
    stream?: string;
    ttl: string;
    deletionProtection: boolean;
    transform: { table: Record<string, unknown> };
  }
  const table = (run: typeof dev) =>
    resolve(
      run.recording.one('sst.aws.Dynamo', 'ErasureCheckpoints').args,
    ) as RecordedCheckpointTable;

  it('is keyed by pk (string) and sk (number), as dynamite saves planId and part', () => {
    expect(table(dev).fields).toEqual({ pk: 'string', sk: 'number' });
    expect(table(dev).primaryIndex).toEqual({ hashKey: 'pk', rangeKey: 'sk' });
  });

  it('expires items on expiresAt, on demand, with point-in-time recovery', () => {
    expect(table(dev).ttl).toBe('expiresAt');
    // The TTL attribute is not a key: DynamoDB refuses an attribute definition no key uses.
    expect(Object.keys(table(dev).fields)).not.toContain('expiresAt');
    expect(table(dev).transform.table).toMatchObject({
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: { enabled: true },
    });
  });

  it('has no stream and no index', () => {
    for (const run of [dev, production]) {
      expect(table(run).stream).toBeUndefined();
      expect(table(run).globalIndexes).toBeUndefined();
      expect(table(run).localIndexes).toBeUndefined();
    }
  });

  it('is built from erasureCheckpointTableDefinition()', () => {
    for (const [run, deletionProtection] of [
      [dev, false],
      [production, true],
    ] as const) {
      expect(table(run)).toEqual(
        toSstDynamoArgs(erasureCheckpointTableDefinition(), { deletionProtection }),
      );
    }
  });

  it('is protected from deletion and retained in production, like the DomainRecord table, and removable in dev', () => {
    expect(table(production).deletionProtection).toBe(true);
    expect(table(production).transform.table.deletionProtectionEnabled).toBe(true);
    expect(production.app).toMatchObject({ removal: 'retain', protect: true });

    expect(table(dev).deletionProtection).toBe(false);
    expect(table(dev).transform.table.deletionProtectionEnabled).toBe(false);
  });

  it('is named in the outputs, for the CLI’s --checkpoint-table or ERASURE_CHECKPOINT_TABLE_NAME', () => {
    expect(dev.outputs.checkpointTable).toBe('symval-dev-ErasureCheckpointsTable');
    expect(production.outputs.checkpointTable).toBe('symval-production-ErasureCheckpointsTable');
  });
});

describe('the site bucket', () => {
  const bucket = bucketOf(dev);
  const allows = bucket.policy.filter((s) => s.effect !== 'deny');

  it('lets anyone read records/ and nothing else', () => {
    const publicAllows = allows.filter((s) => s.principals === '*');
    expect(publicAllows).toEqual([
      { actions: ['s3:GetObject'], principals: '*', paths: ['records/*'] },
    ]);
    expect(covers('records/*', SNAPSHOT_KEY)).toBe(true);
  });

  it('grants no one outside the account anything under state/, and denies it explicitly', () => {
    for (const statement of allows) {
      for (const path of statement.paths ?? ['', '*']) {
        expect(covers(path, SNAPSHOT_STATE_KEY), `allow on ${path}`).toBe(false);
      }
    }
    // SST's `access` would add GetObject on the whole bucket for everyone or for CloudFront.
    expect(bucket.access).toBeUndefined();

    const denies = bucket.policy.filter((s) => s.effect === 'deny');
    expect(denies).toEqual([
      {
        effect: 'deny',
        actions: ['s3:*'],
        principals: '*',
        paths: ['state/*'],
        conditions: [
          { test: 'StringNotEquals', variable: 'aws:PrincipalAccount', values: [ACCOUNT_ID] },
        ],
      },
    ]);
    expect(covers('state/*', SNAPSHOT_STATE_KEY)).toBe(true);
    expect(bucket.enforceHttps).toBe(true);
  });

  it('keeps ACLs blocked while allowing the public records/ statement', () => {
    expect(bucket.transform.publicAccessBlock).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
  });

  it('allows cross-origin GET from any origin and no cross-origin writes', () => {
    expect(bucket.cors.allowOrigins).toEqual(['*']);
    expect(bucket.cors.allowMethods).toEqual(['GET', 'HEAD']);
  });

  it('keeps the snapshot and the state under the prefixes the policy treats that way', () => {
    for (const name of ['Streamer', 'ReattestBatch']) {
      const { environment } = functionArgs(dev.recording, name);
      expect(environment.SNAPSHOT_KEY).toBe(SNAPSHOT_KEY);
      expect(environment.SNAPSHOT_STATE_KEY).toBe(SNAPSHOT_STATE_KEY);
    }
    expect(SNAPSHOT_KEY.startsWith('records/')).toBe(true);
    expect(SNAPSHOT_STATE_KEY.startsWith('state/')).toBe(true);
  });
});

describe('linked resources', () => {
  it('are named as in docs/configuration.md and carry the table and bucket names only', () => {
    const linkables = dev.recording.ofKind('sst.Linkable');
    expect(linkables.map((l) => [l.name, resolve(l.args)])).toEqual([
      ['DomainTable', { properties: { name: 'symval-dev-DomainRecordsTable' } }],
      ['SiteBucket', { properties: { name: 'symval-dev-sitedatabucket-a1b2c3d4' } }],
    ]);
  });
});
