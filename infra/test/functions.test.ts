import { describe, expect, it } from 'vitest';
import { resolve } from './platform-stub.js';
import {
  FUNCTION_NAMES,
  functionArgs,
  markdownTable,
  type RecordedFunction,
  readConfigurationDoc,
  runConfig,
} from './run-config.js';

const dev = await runConfig('dev');
const production = await runConfig('production');

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/symval-dev-DomainRecordsTable';
const STREAM = `${TABLE}/stream/2026-11-23T00:00:00.000`;
const BUCKET = 'arn:aws:s3:::symval-dev-sitedatabucket-a1b2c3d4';
const FAILURES = 'arn:aws:sqs:us-east-1:123456789012:StreamerFailures-9a8b7c6';

/** Every action a function may take, as `action on resource` lines, sorted. */
function grants(fn: RecordedFunction): string[] {
  const lines = fn.permissions.flatMap((p) => {
    expect(p.effect ?? 'allow').toBe('allow');
    return p.actions.flatMap((action) => p.resources.map((resource) => `${action} on ${resource}`));
  });
  return lines.sort();
}

/** The names of the linked resources. */
function linkNames(fn: RecordedFunction): string[] {
  return fn.link.map((link) => dev.recording.of(link).name);
}

describe('each function', () => {
  const httpapi = functionArgs(dev.recording, 'HttpApi');
  const streamer = functionArgs(dev.recording, 'Streamer');
  const reattest = functionArgs(dev.recording, 'ReattestBatch');

  it('httpapi links the table and may query, update and delete in it, nothing else', () => {
    expect(linkNames(httpapi)).toEqual(['DomainTable']);
    expect(grants(httpapi)).toEqual(
      ['dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:UpdateItem'].map(
        (action) => `${action} on ${TABLE}`,
      ),
    );
  });

  it('streamer links the table and the bucket, reads the stream, only scans the table, and writes only records/ and state/', () => {
    expect(linkNames(streamer)).toEqual(['DomainTable', 'SiteBucket']);
    expect(grants(streamer)).toEqual(
      [
        ...['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'].map(
          (action) => `dynamodb:${action} on ${STREAM}`,
        ),
        `dynamodb:Scan on ${TABLE}`,
        ...['DeleteObject', 'GetObject', 'PutObject'].flatMap((action) => [
          `s3:${action} on ${BUCKET}/records/*`,
          `s3:${action} on ${BUCKET}/state/*`,
        ]),
        `s3:ListBucket on ${BUCKET}`,
        `sqs:SendMessage on ${FAILURES}`,
      ].sort(),
    );
  });

  it('reattestbatch links both, updates or deletes in the table, and only reads the bucket', () => {
    expect(linkNames(reattest)).toEqual(['DomainTable', 'SiteBucket']);
    expect(grants(reattest)).toEqual(
      [
        `dynamodb:DeleteItem on ${TABLE}`,
        `dynamodb:UpdateItem on ${TABLE}`,
        `s3:GetObject on ${BUCKET}/records/*`,
        `s3:GetObject on ${BUCKET}/state/*`,
        `s3:ListBucket on ${BUCKET}`,
      ].sort(),
    );
  });

  it('is granted nothing on the table’s indexes, since no function queries byOwner', () => {
    for (const fn of [httpapi, streamer, reattest]) {
      for (const line of grants(fn)) expect(line).not.toContain('/index/');
    }
  });

  it('cannot touch the erasure checkpoint table: no link, no grant, not even its name', () => {
    const checkpoints = dev.recording.one('sst.aws.Dynamo', 'ErasureCheckpoints');
    const name = 'symval-dev-ErasureCheckpointsTable';
    expect(dev.outputs.checkpointTable).toBe(name);
    for (const fn of [httpapi, streamer, reattest]) {
      expect(fn.link).not.toContain(checkpoints.instance);
      for (const line of grants(fn)) expect(line).not.toContain(name);
      expect(Object.values(fn.environment)).not.toContain(name);
    }
    // Nor can any link: the only linkables carry the DomainRecord table and the bucket.
    for (const linkable of dev.recording.ofKind('sst.Linkable')) {
      expect(JSON.stringify(resolve(linkable.args))).not.toContain(name);
    }
    // The only table ARNs granted are the DomainRecord table's and its stream's.
    const tables = [httpapi, streamer, reattest]
      .flatMap(grants)
      .filter((line) => line.includes(':table/'))
      .map((line) => line.split(' on ')[1]);
    expect(new Set(tables)).toEqual(new Set([TABLE, STREAM]));
  });

  it('is granted no wildcard action and no wildcard resource', () => {
    for (const fn of [httpapi, streamer, reattest]) {
      for (const line of grants(fn)) {
        expect(line).not.toMatch(/:\* on |^\* | on \*$/);
      }
    }
  });

  it('gets only environment variables docs/configuration.md lists for it', () => {
    const rows = markdownTable(readConfigurationDoc(), '## Environment variables');
    const usedBy = new Map(rows.map(([name, users]) => [name!, users!]));
    for (const [key, name] of Object.entries(FUNCTION_NAMES)) {
      const { environment } = functionArgs(dev.recording, name);
      // NODE_OPTIONS is Node's own (source-mapped stack traces), not symval configuration.
      const configured = Object.keys(environment).filter((variable) => variable !== 'NODE_OPTIONS');
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

  it('is told the resource names and its service name', () => {
    expect(httpapi.environment).toMatchObject({
      DOMAIN_TABLE_NAME: 'symval-dev-DomainRecordsTable',
      POWERTOOLS_SERVICE_NAME: 'symval-httpapi',
    });
    expect(streamer.environment).toMatchObject({
      DOMAIN_TABLE_NAME: 'symval-dev-DomainRecordsTable',
      SNAPSHOT_BUCKET: 'symval-dev-sitedatabucket-a1b2c3d4',
      POWERTOOLS_SERVICE_NAME: 'symval-streamer',
    });
    expect(reattest.environment).toMatchObject({
      DOMAIN_TABLE_NAME: 'symval-dev-DomainRecordsTable',
      SNAPSHOT_BUCKET: 'symval-dev-sitedatabucket-a1b2c3d4',
      POWERTOOLS_SERVICE_NAME: 'symval-reattestbatch',
    });
  });
});

describe('stage differences', () => {
  it('keeps function and API logs two weeks in dev and three months in production', () => {
    for (const [run, retention] of [
      [dev, '2 weeks'],
      [production, '3 months'],
    ] as const) {
      for (const name of Object.values(FUNCTION_NAMES)) {
        expect(functionArgs(run.recording, name).logging).toEqual({ retention });
      }
      const api = resolve(run.recording.one('sst.aws.ApiGatewayV2', 'Api').args) as {
        accessLog: { retention: string };
      };
      expect(api.accessLog.retention).toBe(retention);
    }
  });

  it('logs at DEBUG in dev and INFO in production', () => {
    for (const name of Object.values(FUNCTION_NAMES)) {
      expect(functionArgs(dev.recording, name).environment.LOG_LEVEL).toBe('DEBUG');
      expect(functionArgs(production.recording, name).environment.LOG_LEVEL).toBe('INFO');
    }
  });

  it('lets the API answer any origin in dev and only the site in production', () => {
    expect(functionArgs(dev.recording, 'HttpApi').environment.SITE_ORIGIN).toBe('*');
    expect(functionArgs(production.recording, 'HttpApi').environment.SITE_ORIGIN).toBe(
      'https://d1production.cloudfront.net',
    );
  });
});
