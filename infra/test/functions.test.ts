import { describe, expect, it } from 'vitest';
import { RESERVED_CONCURRENCY } from '../src/index.js';
import { FUNCTION_NAMES, markdownTable, readConfigurationDoc } from './docs.js';
import { type DeployedFunction, type Deployment, TYPES } from './sst/deployment.js';
import { dev, production } from './sst/shared.js';

/** Every action a function's role allows, as `action on resource` lines, sorted. */
function grants(fn: DeployedFunction): string[] {
  return fn.statements
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Condition).toBeUndefined();
      return statement.Action.flatMap((action) =>
        statement.Resource.map((resource) => `${action} on ${resource}`),
      );
    })
    .sort();
}

const arns = (run: Deployment) => {
  const table = run.state<{ arn: string; streamArn: string }>(TYPES.table, 'DomainRecordsTable');
  return {
    table: table.arn,
    stream: table.streamArn,
    bucket: run.state<{ arn: string }>(TYPES.bucket, 'SiteDataBucket').arn,
    failures: run.state<{ arn: string }>(TYPES.queue, 'StreamerFailures').arn,
    checkpoints: run.state<{ arn: string; name: string }>(TYPES.table, 'ErasureCheckpointsTable'),
  };
};

describe('each function’s IAM role', () => {
  const run = dev();
  const { table, stream, bucket, failures } = arns(run);

  it('httpapi may query, update and delete in the table, count in the rate-limit table, nothing else', () => {
    const rateLimits = run.state<{ arn: string }>(TYPES.table, 'RateLimitsTable').arn;
    expect(grants(run.lambda('HttpApi'))).toEqual(
      [
        ...['dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:UpdateItem'].map(
          (action) => `${action} on ${table}`,
        ),
        ...['dynamodb:PutItem', 'dynamodb:UpdateItem'].map(
          (action) => `${action} on ${rateLimits}`,
        ),
      ].sort(),
    );
  });

  it('streamer reads the stream, only scans the table, writes only records/ and state/', () => {
    expect(grants(run.lambda('Streamer'))).toEqual(
      [
        ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
          (action) => `dynamodb:${action} on ${stream}`,
        ),
        `dynamodb:Scan on ${table}`,
        ...['DeleteObject', 'GetObject', 'PutObject'].flatMap((action) => [
          `s3:${action} on ${bucket}/records/*`,
          `s3:${action} on ${bucket}/state/*`,
        ]),
        `s3:ListBucket on ${bucket}`,
        `sqs:SendMessage on ${failures}`,
      ].sort(),
    );
  });

  it('reattestbatch updates or deletes in the table and only reads the bucket', () => {
    expect(grants(run.lambda('ReattestBatch'))).toEqual(
      [
        `dynamodb:DeleteItem on ${table}`,
        `dynamodb:UpdateItem on ${table}`,
        `s3:GetObject on ${bucket}/records/*`,
        `s3:GetObject on ${bucket}/state/*`,
        `s3:ListBucket on ${bucket}`,
      ].sort(),
    );
  });

  it('runs as Lambda with basic logging rights only, and nothing on indexes or wildcards', () => {
    for (const name of Object.values(FUNCTION_NAMES)) {
      const role = run.inputs<{ managedPolicyArns: string[] }>(TYPES.role, `${name}Role`);
      expect(role.managedPolicyArns).toEqual([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      ]);
      for (const line of grants(run.lambda(name))) {
        expect(line).not.toContain('/index/');
        expect(line).not.toMatch(/:\* on |^\* | on \*$/);
      }
    }
  });

  it('cannot touch the erasure checkpoint table: no grant, no link, not even its name', () => {
    const { checkpoints } = arns(run);
    expect(run.outputs.checkpointTable).toBe(checkpoints.name);
    for (const name of Object.values(FUNCTION_NAMES)) {
      const fn = run.lambda(name);
      expect(JSON.stringify(fn.statements)).not.toContain(checkpoints.arn);
      expect(JSON.stringify(fn.build.links)).not.toContain(checkpoints.name);
      expect(Object.values(fn.inputs.environment.variables)).not.toContain(checkpoints.name);
    }
  });
});

describe('each function', () => {
  const run = dev();

  it('links the resources docs/configuration.md names, each carrying only a name but the secret', () => {
    const table = run.state<{ name: string }>(TYPES.table, 'DomainRecordsTable').name;
    const bucket = run.state<{ bucket: string }>(TYPES.bucket, 'SiteDataBucket').bucket;
    // SST adds each link's component type beside its properties.
    const link = (name: string) => ({ name, type: 'pulumi.pulumi.Stack$sst.sst.Linkable' });
    const rateLimits = run.state<{ name: string }>(TYPES.table, 'RateLimitsTable').name;
    const secret = run.state<{ result: string }>(TYPES.randomPassword, 'RouterSecretValue').result;
    expect(run.lambda('HttpApi').build.links).toEqual({
      DomainTable: link(table),
      RateLimitTable: link(rateLimits),
      // The Router secret is the one link that carries no name (test/api-needs.test.ts).
      RouterSecret: { value: secret, type: 'pulumi.pulumi.Stack$sst.sst.Linkable' },
    });
    for (const name of ['Streamer', 'ReattestBatch']) {
      expect(run.lambda(name).build.links).toEqual({
        DomainTable: link(table),
        SiteBucket: link(bucket),
      });
    }
  });

  it('gets only environment variables docs/configuration.md lists for it', () => {
    const rows = markdownTable(readConfigurationDoc(), '## Environment variables');
    const usedBy = new Map(rows.map(([name, users]) => [name!, users!]));
    for (const [key, name] of Object.entries(FUNCTION_NAMES)) {
      const variables = run.lambda(name).inputs.environment.variables;
      // NODE_OPTIONS is Node's own; SST_* are SST's (linked resources, the app's name).
      const configured = Object.keys(variables).filter(
        (variable) => variable !== 'NODE_OPTIONS' && !variable.startsWith('SST_'),
      );
      for (const variable of configured) {
        const users = usedBy.get(variable);
        expect(users, `${variable} (set for ${key}) is not in docs/configuration.md`).toBeDefined();
        expect(
          users === 'all functions' || users!.split(/,\s*/).includes(key),
          `${variable} for ${key}`,
        ).toBe(true);
      }
    }
  });

  it('is told the resource names, its service name and its log level', () => {
    const table = run.state<{ name: string }>(TYPES.table, 'DomainRecordsTable').name;
    const bucket = run.state<{ bucket: string }>(TYPES.bucket, 'SiteDataBucket').bucket;
    expect(run.lambda('HttpApi').inputs.environment.variables).toMatchObject({
      DOMAIN_TABLE_NAME: table,
      POWERTOOLS_SERVICE_NAME: 'symval-httpapi',
      LOG_LEVEL: 'DEBUG',
    });
    for (const [name, service] of [
      ['Streamer', 'symval-streamer'],
      ['ReattestBatch', 'symval-reattestbatch'],
    ]) {
      expect(run.lambda(name!).inputs.environment.variables).toMatchObject({
        DOMAIN_TABLE_NAME: table,
        SNAPSHOT_BUCKET: bucket,
        SNAPSHOT_KEY: 'records/domains.json',
        SNAPSHOT_STATE_KEY: 'state/snapshot-state.json',
        SNAPSHOT_LAYOUT_INDEX_KEY: 'records/v1/index.json',
        POWERTOOLS_SERVICE_NAME: service,
      });
    }
    // Only the streamer writes the sharded state and throttles the whole file.
    const streamer = run.lambda('Streamer').inputs.environment.variables;
    expect(streamer).toMatchObject({
      SNAPSHOT_STATE_PREFIX: 'state/v2/',
      SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES: '4194304',
      SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS: '300',
    });
    const reattest = run.lambda('ReattestBatch').inputs.environment.variables;
    for (const name of [
      'SNAPSHOT_STATE_PREFIX',
      'SNAPSHOT_WHOLE_FILE_THRESHOLD_BYTES',
      'SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS',
    ]) {
      expect(reattest).not.toHaveProperty(name);
    }
    for (const name of Object.values(FUNCTION_NAMES)) {
      expect(production().lambda(name).inputs.environment.variables.LOG_LEVEL).toBe('INFO');
    }
  });

  it('runs Node.js 22 on arm64, bundled as ESM with source maps', () => {
    for (const name of Object.values(FUNCTION_NAMES)) {
      const fn = run.lambda(name);
      expect(fn.inputs).toMatchObject({ runtime: 'nodejs22.x', architectures: ['arm64'] });
      expect(fn.build.properties).toMatchObject({ format: 'esm', sourcemap: true });
      expect(fn.inputs.environment.variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('reserves the concurrency the preflight counts on, and no more', () => {
    const reserved = run
      .all(TYPES.function)
      .map((fn) => fn.inputs.reservedConcurrentExecutions)
      .filter((n) => n !== undefined && n !== -1);
    expect(reserved.reduce((sum: number, n) => sum + Number(n), 0)).toBe(
      RESERVED_CONCURRENCY.streamer + RESERVED_CONCURRENCY.reattestbatch,
    );
    expect(run.lambda('HttpApi').inputs).not.toHaveProperty('reservedConcurrentExecutions');
  });

  it('keeps its logs two weeks in dev and three months in production', () => {
    for (const [deployment, days] of [
      [dev(), 14],
      [production(), 90],
    ] as const) {
      for (const name of Object.values(FUNCTION_NAMES)) {
        const group = deployment.inputs<{ retentionInDays: number }>(
          TYPES.logGroup,
          `${name}LogGroup`,
        );
        expect(group.retentionInDays).toBe(days);
      }
    }
  });
});
