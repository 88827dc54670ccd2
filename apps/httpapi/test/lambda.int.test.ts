import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  dynamoDbClientConfig,
  type LocalDnsServer,
  startDnsServer,
  uniqueName,
} from '@symval/local-services';
import { recordsTableInput } from '@symval/records';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { rateLimitTableInput } from '../src/rate-limit/table.js';
import { httpApiEvent, lambdaContext } from './support/lambda-events.js';

const OWNER = 'https://me.example';
const FLIP = 'zq.suns.bz';
const FLIP_ID = calculateGroupIdV1(OWNER, 'b', [FLIP]);
const ORIGIN = 'https://suns.example';
const ROUTER_SECRET = 'Vb8Nm2Qw6Er4Ty1Ui9Op3As7Df5Gh0Jk';
// A CloudFront edge's address: every request through the Router reaches API Gateway from one.
const EDGE_IP = '130.176.98.12';
let rateLimitTable: string;

let dns: LocalDnsServer;
let client: DynamoDBClient;
let handler: (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
const saved = { ...process.env };

beforeAll(async () => {
  const info = inject('dynamodb');
  client = new DynamoDBClient(dynamoDbClientConfig(info));
  const tableName = uniqueName('lambda');
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  rateLimitTable = uniqueName('lambda-rate-limits');
  await client.send(new CreateTableCommand(rateLimitTableInput({ tableName: rateLimitTable })));
  dns = await startDnsServer({ [`_suns.${FLIP}`]: { txt: [FLIP_ID] } });
  // The handler reads its settings from the environment at import, as on Lambda.
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: 'symval-httpapi',
    AWS_REGION: info.region,
    AWS_ACCESS_KEY_ID: info.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: info.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: info.endpoint,
    DOMAIN_TABLE_NAME: tableName,
    DNS_SERVERS: dns.address,
    RATE_LIMIT_TABLE_NAME: rateLimitTable,
    ROUTER_SECRET,
    ATTEST_RATE_LIMIT: '2/60',
    POWERTOOLS_METRICS_DISABLED: 'true',
    LOG_LEVEL: 'ERROR',
  });
  ({ handler } = (await import('../src/lambda.js')) as unknown as { handler: typeof handler });
});

afterAll(async () => {
  process.env = saved;
  await dns.stop();
  client.destroy();
});

const attestEvent = (sourceIp?: string) =>
  httpApiEvent({
    method: 'POST',
    path: '/api/v1/attest',
    body: JSON.stringify({ owner: OWNER, type: 'flip180', domains: [FLIP] }),
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    ...(sourceIp ? { sourceIp } : {}),
  });

describe('the Lambda handler with API Gateway v2 events', () => {
  it('attests, stores and answers with the API Gateway request id', async () => {
    const event = attestEvent('203.0.113.1');
    const result = await handler(event, lambdaContext('symval-httpapi'));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['x-request-id']).toBe(event.requestContext.requestId);
    // SITE_ORIGIN is unset: a public API answers any origin.
    expect(result.headers?.['access-control-allow-origin']).toBe('*');
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(result.body!)).toMatchObject({
      isValid: true,
      expectedId: FLIP_ID,
      records: [{ hostname: FLIP, rev: 1 }],
    });

    const read = await handler(
      httpApiEvent({ method: 'GET', path: `/api/v1/groups/${encodeURIComponent(FLIP_ID)}` }),
      lambdaContext('symval-httpapi'),
    );
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body!).records).toEqual([
      expect.objectContaining({ hostname: FLIP, rev: 1 }),
    ]);
  });

  it('reads a base64 body', async () => {
    const body = Buffer.from(JSON.stringify({ owner: OWNER, type: 'b', domains: ['ZQ.suns.bz.'] }));
    const result = await handler(
      httpApiEvent({
        method: 'POST',
        path: '/api/v1/attest',
        body: body.toString('base64'),
        base64: true,
        headers: { 'content-type': 'application/json' },
        sourceIp: '203.0.113.2',
      }),
      lambdaContext('symval-httpapi'),
    );
    expect(JSON.parse(result.body!)).toMatchObject({ status: 'valid' });
  });

  it('limits each source IP on its own and exposes Retry-After to the site', async () => {
    const context = lambdaContext('symval-httpapi');
    expect((await handler(attestEvent('192.0.2.9'), context)).statusCode).toBe(200);
    expect((await handler(attestEvent('192.0.2.9'), context)).statusCode).toBe(200);
    const limited = await handler(attestEvent('192.0.2.9'), context);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers?.['access-control-expose-headers']).toContain('Retry-After');
    expect((await handler(attestEvent('192.0.2.10'), context)).statusCode).toBe(200);
  });

  it('behind the Router, limits each viewer CloudFront names, and trusts that name only with the secret', async () => {
    const context = lambdaContext('symval-httpapi');
    const viaRouter = (viewer: string, secret: string | null = ROUTER_SECRET) =>
      handler(
        httpApiEvent({
          method: 'POST',
          path: '/api/v1/attest',
          body: JSON.stringify({ owner: OWNER, type: 'flip180', domains: [FLIP] }),
          headers: {
            'content-type': 'application/json',
            'cloudfront-viewer-address': `${viewer}:51234`,
            ...(secret === null ? {} : { 'x-symval-router-secret': secret }),
          },
          sourceIp: EDGE_IP,
        }),
        context,
      );
    expect((await viaRouter('198.51.100.61')).statusCode).toBe(200);
    expect((await viaRouter('198.51.100.61')).statusCode).toBe(200);
    expect((await viaRouter('198.51.100.61')).statusCode).toBe(429);
    // Another viewer of the same edge location has its own limit.
    expect((await viaRouter('198.51.100.62')).statusCode).toBe(200);
    // Without the secret (or with a wrong one) the claimed viewer counts for nothing: these
    // are keyed on the edge address, whose limit the third request exhausts.
    expect((await viaRouter('198.51.100.63', null)).statusCode).toBe(200);
    expect((await viaRouter('198.51.100.64', 'not-the-secret')).statusCode).toBe(200);
    expect((await viaRouter('198.51.100.65', null)).statusCode).toBe(429);
    // The counters are in the shared table, hashed.
    const { Items = [] } = await client.send(new ScanCommand({ TableName: rateLimitTable }));
    expect(Items.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(Items)).not.toMatch(/198\.51\.100|130\.176/);
  });

  it('answers a preflight and a 404 through the adapter', async () => {
    const preflight = await handler(
      httpApiEvent({
        method: 'OPTIONS',
        path: '/api/v1/attest',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
      lambdaContext('symval-httpapi'),
    );
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers?.['access-control-allow-origin']).toBe('*');
    const missing = await handler(
      httpApiEvent({ method: 'GET', path: '/api/v1/nothing' }),
      lambdaContext('symval-httpapi'),
    );
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body!)).toMatchObject({ code: 'not-found', field: null });
  });
});

describe('the Lambda module', () => {
  it('refuses to start on Lambda without the shared rate-limit table', async () => {
    vi.resetModules();
    const table = process.env.RATE_LIMIT_TABLE_NAME;
    delete process.env.RATE_LIMIT_TABLE_NAME;
    try {
      await expect(import('../src/lambda.js')).rejects.toMatchObject({
        code: 'config.invalid',
        message: expect.stringContaining('RATE_LIMIT_TABLE_NAME is required on Lambda'),
      });
    } finally {
      process.env.RATE_LIMIT_TABLE_NAME = table;
    }
  });
});
