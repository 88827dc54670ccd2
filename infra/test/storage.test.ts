import { describe, expect, it } from 'vitest';
import { SNAPSHOT_KEY, SNAPSHOT_STATE_KEY } from '../src/index.js';
import { type Deployment, statementsOf, TYPES } from './sst/deployment.js';
import { ACCOUNT } from './sst/mocks.js';
import { dev, production } from './sst/shared.js';

interface TableInputs {
  hashKey: string;
  rangeKey: string;
  attributes: { name: string; type: string }[];
  globalSecondaryIndexes: unknown[];
  localSecondaryIndexes: unknown[];
  billingMode: string;
  streamEnabled: boolean;
  streamViewType?: string;
  pointInTimeRecovery: { enabled: boolean };
  deletionProtectionEnabled: boolean;
  ttl?: { attributeName: string; enabled: boolean };
}

const table = (run: Deployment, name: string) => run.inputs<TableInputs>(TYPES.table, name);

/** Whether an S3 policy resource (with `*` wildcards) covers the object ARN `arn`. */
function covers(resource: string, arn: string): boolean {
  const pattern = resource.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${pattern}$`).test(arn);
}

describe('the DomainRecord table', () => {
  it('is keyed by pk and sk, indexes byOwner keys-only, streams both images, has PITR', () => {
    expect(table(dev(), 'DomainRecordsTable')).toMatchObject({
      hashKey: 'pk',
      rangeKey: 'sk',
      attributes: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
        { name: 'Owner', type: 'S' },
      ],
      globalSecondaryIndexes: [
        { name: 'byOwner', hashKey: 'Owner', rangeKey: 'pk', projectionType: 'KEYS_ONLY' },
      ],
      localSecondaryIndexes: [],
      billingMode: 'PAY_PER_REQUEST',
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      pointInTimeRecovery: { enabled: true },
    });
  });

  it('is protected from deletion and retained in production, and removable in dev', () => {
    expect(table(production(), 'DomainRecordsTable').deletionProtectionEnabled).toBe(true);
    expect(production().result.app).toMatchObject({ removal: 'retain', protect: true });
    expect(table(dev(), 'DomainRecordsTable').deletionProtectionEnabled).toBe(false);
    expect(dev().result.app).toMatchObject({ removal: 'remove', protect: false });
  });
});

describe('the erasure checkpoint table', () => {
  it('is keyed by pk (string) and sk (number), expires items on expiresAt, has no stream or index', () => {
    for (const run of [dev(), production()]) {
      expect(table(run, 'ErasureCheckpointsTable')).toMatchObject({
        hashKey: 'pk',
        rangeKey: 'sk',
        attributes: [
          { name: 'pk', type: 'S' },
          { name: 'sk', type: 'N' },
        ],
        globalSecondaryIndexes: [],
        localSecondaryIndexes: [],
        billingMode: 'PAY_PER_REQUEST',
        streamEnabled: false,
        pointInTimeRecovery: { enabled: true },
        ttl: { attributeName: 'expiresAt', enabled: true },
      });
    }
    expect(table(production(), 'ErasureCheckpointsTable').deletionProtectionEnabled).toBe(true);
    expect(table(dev(), 'ErasureCheckpointsTable').deletionProtectionEnabled).toBe(false);
  });

  it('is named in the outputs, for the CLI’s --checkpoint-table', () => {
    const run = dev();
    expect(run.outputs.checkpointTable).toBe(
      run.state(TYPES.table, 'ErasureCheckpointsTable').name,
    );
  });
});

describe('the site bucket', () => {
  const run = dev();
  const bucket = run.state<{ arn: string; bucket: string }>(TYPES.bucket, 'SiteDataBucket');
  const policies = run.all(TYPES.bucketPolicy).filter((p) => p.inputs.bucket === bucket.bucket);
  const statements = policies.flatMap((p) => statementsOf(String(p.inputs.policy)));
  const allows = statements.filter((s) => s.Effect === 'Allow');
  const denies = statements.filter((s) => s.Effect === 'Deny');

  it('has one policy, letting anyone and CloudFront read records/ and nothing else', () => {
    expect(policies).toHaveLength(1);
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${bucket.arn}/records/*`],
        Principal: '*',
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [`${bucket.arn}/records/*`],
        Principal: { Service: 'cloudfront.amazonaws.com' },
      },
    ]);
    expect(covers(`${bucket.arn}/records/*`, `${bucket.arn}/${SNAPSHOT_KEY}`)).toBe(true);
  });

  it('allows nothing under state/ and denies it to every other account and to anonymous requests', () => {
    for (const statement of allows) {
      for (const resource of statement.Resource) {
        expect(covers(resource, `${bucket.arn}/${SNAPSHOT_STATE_KEY}`), resource).toBe(false);
      }
    }
    expect(denies).toContainEqual({
      Effect: 'Deny',
      Action: ['s3:*'],
      Resource: [`${bucket.arn}/state/*`],
      Principal: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    });
  });

  it('refuses plain HTTP', () => {
    expect(denies).toContainEqual({
      Effect: 'Deny',
      Action: ['s3:*'],
      Resource: [bucket.arn, `${bucket.arn}/*`],
      Principal: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('keeps ACLs blocked while allowing the public records/ statement', () => {
    expect(run.inputs(TYPES.publicAccessBlock, 'SiteDataPublicAccessBlock')).toEqual({
      bucket: bucket.bucket,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
  });

  it('allows cross-origin GET from any origin and no cross-origin writes', () => {
    expect(run.inputs(TYPES.bucketCors, 'SiteDataCors')).toEqual({
      bucket: bucket.bucket,
      corsRules: [
        {
          allowedHeaders: ['*'],
          allowedMethods: ['GET', 'HEAD'],
          allowedOrigins: ['*'],
          exposeHeaders: ['ETag', 'Last-Modified'],
          maxAgeSeconds: 3600,
        },
      ],
    });
  });
});
