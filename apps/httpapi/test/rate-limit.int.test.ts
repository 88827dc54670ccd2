import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createStaticClaimResolver } from '@symval/attestation';
import { dynamoDbClientConfig, startFaultProxy, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import type { AppEnv } from '../src/app/env.js';
import { ROUTER_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../src/client/client-key.js';
import { createMemoryLogger, type MemoryLogger } from '../src/observability/logger.js';
import { createMemoryMetrics, type MemoryMetrics } from '../src/observability/metrics.js';
import { createDynamoDbRateLimiter } from '../src/rate-limit/dynamodb.js';
import { failOpen } from '../src/rate-limit/fail-open.js';
import { createRateLimiter } from '../src/rate-limit/memory.js';
import { counterKey } from '../src/rate-limit/requests.js';
import { rateLimitTableInput, rateLimitTimeToLiveInput } from '../src/rate-limit/table.js';
import type { RateLimitSetting } from '../src/rate-limit/types.js';
import { OWNER, postJson } from './support/fixtures.js';
import { createMemoryGroupStore } from './support/memory-store.js';

const SECRET = 'Hq5Wz1Lp8Rt3Ks6Vn0Bx4Cm7Dj2Gf9Ya';
const T0 = new Date('2026-12-01T09:00:00.000Z');
// A palindrome nobody claimed: each request costs one lookup and writes nothing.
const unclaimed = { owner: OWNER, type: 'palindrome', domains: ['ab.ba'] };

let client: DynamoDBClient;
let tableName: string;

beforeAll(async () => {
  client = new DynamoDBClient(dynamoDbClientConfig(inject('dynamodb')));
  tableName = uniqueName('rate-limits');
  await client.send(new CreateTableCommand(rateLimitTableInput({ tableName })));
  await client.send(new UpdateTimeToLiveCommand(rateLimitTimeToLiveInput({ tableName })));
});
afterAll(() => client.destroy());

interface Instance {
  app: Hono<AppEnv>;
  logger: MemoryLogger;
  metrics: MemoryMetrics;
}

/** `n` app instances, as n warm Lambdas: each its own process state, one counter table. */
function instances(
  n: number,
  limit: RateLimitSetting,
  options: { clock: { now: Date }; dynamo?: DynamoDBClient; shared?: boolean; timeoutMs?: number },
): Instance[] {
  return Array.from({ length: n }, () => {
    const logger = createMemoryLogger();
    const metrics = createMemoryMetrics();
    const rateLimit =
      options.shared === false
        ? limit
        : failOpen(
            createDynamoDbRateLimiter({
              client: options.dynamo ?? client,
              tableName,
              ...limit,
              // Generous, so that a busy machine never turns a slow answer into a fallback;
              // only the timeout test sets a short one, against a table that never answers.
              timeoutMs: options.timeoutMs ?? 120_000,
            }),
            createRateLimiter(limit),
          );
    const app = createApp({
      resolver: createStaticClaimResolver({}),
      store: createMemoryGroupStore(),
      logger,
      metrics,
      now: () => options.clock.now,
      rateLimit,
      routerSecrets: [SECRET],
    });
    return { app, logger, metrics };
  });
}

/** A request through the Router from `viewer`, to instance `i % n`. */
function viaRouter(fleet: Instance[], i: number, viewer: string) {
  return fleet[i % fleet.length]!.app.request(
    '/api/v1/attest',
    postJson(unclaimed, {
      [ROUTER_SECRET_HEADER]: SECRET,
      [VIEWER_ADDRESS_HEADER]: `${viewer}:${40_000 + i}`,
    }),
    // Every request reaches API Gateway from a CloudFront edge address.
    { event: { requestContext: { http: { sourceIp: '130.176.44.1' } } } as never },
  );
}

async function statuses(
  responses: Array<Response | Promise<Response>>,
): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  for (const response of await Promise.all(responses)) {
    counts[response.status] = (counts[response.status] ?? 0) + 1;
  }
  return counts;
}

describe('the shared rate limit on DynamoDB Local', () => {
  it('allows the limit once across three instances, where memory counters allowed it three times', async () => {
    const clock = { now: T0 };
    const viewer = '198.51.100.21';
    const shared = instances(3, { count: 5, windowSeconds: 60 }, { clock });
    // 30 requests at once, spread over the instances: the window is started by a race.
    expect(
      await statuses(Array.from({ length: 30 }, (_, i) => viaRouter(shared, i, viewer))),
    ).toEqual({ 200: 5, 429: 25 });

    const separate = instances(3, { count: 5, windowSeconds: 60 }, { clock, shared: false });
    expect(
      await statuses(Array.from({ length: 30 }, (_, i) => viaRouter(separate, i, '198.51.100.22'))),
    ).toEqual({ 200: 15, 429: 15 });
  });

  it('counts viewers apart behind one edge address, and says when the window ends', async () => {
    const clock = { now: T0 };
    const fleet = instances(2, { count: 2, windowSeconds: 60 }, { clock });
    expect((await viaRouter(fleet, 0, '203.0.113.31')).status).toBe(200);
    clock.now = new Date(T0.getTime() + 15_000);
    expect((await viaRouter(fleet, 1, '203.0.113.31')).status).toBe(200);
    const limited = await viaRouter(fleet, 0, '203.0.113.31');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(await limited.json()).toMatchObject({ code: 'rate-limited', field: null });
    expect((await viaRouter(fleet, 1, '203.0.113.32')).status).toBe(200);
    // The window started at T0: at T0 + 60 s a new one begins, on any instance.
    clock.now = new Date(T0.getTime() + 60_000);
    expect((await viaRouter(fleet, 1, '203.0.113.31')).status).toBe(200);
    expect(fleet.flatMap((i) => i.metrics.events.map((e) => e.name))).not.toContain(
      'rateLimitStoreFailed',
    );
  });

  it('keeps a hashed key, the window start, the count and a TTL at the window end: no address', async () => {
    const clock = { now: new Date(T0.getTime() + 3_600_000) };
    const [one] = instances(1, { count: 3, windowSeconds: 120 }, { clock });
    await viaRouter([one!], 0, '192.0.2.77');
    await viaRouter([one!], 1, '192.0.2.77');
    const { Items = [] } = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true }),
    );
    const item = Items.find((i) => i.pk?.S === counterKey('attest', '192.0.2.77'));
    expect(item).toEqual({
      pk: { S: expect.stringMatching(/^attest#[\w-]{43}$/) },
      windowStart: { N: String(clock.now.getTime()) },
      used: { N: '2' },
      expiresAt: { N: String(clock.now.getTime() / 1000 + 120) },
    });
    expect(JSON.stringify(Items)).not.toContain('192.0.2.77');
  });

  it("fails open to each instance's own count while the table throttles, and shares again once it recovers", async () => {
    const clock = { now: new Date(T0.getTime() + 7_200_000) };
    const proxy = await startFaultProxy({ target: inject('dynamodb'), kind: 'dynamodb', seed: 18 });
    const dynamo = new DynamoDBClient({
      ...dynamoDbClientConfig(inject('dynamodb')),
      endpoint: proxy.endpoint,
      maxAttempts: 2,
    });
    try {
      const fleet = instances(2, { count: 2, windowSeconds: 60 }, { clock, dynamo });
      proxy.setRules([
        {
          match: ['UpdateItem', 'PutItem'],
          probability: 1,
          fault: { type: 'error', code: 'ThrottlingException' },
        },
      ]);
      // Each instance counts on its own: 2 each, 4 in all, and nothing is answered 5xx.
      expect(
        await statuses(Array.from({ length: 8 }, (_, i) => viaRouter(fleet, i, '198.51.100.41'))),
      ).toEqual({ 200: 4, 429: 4 });
      const warning = fleet[0]!.logger.lines.find((line) => line.level === 'WARN');
      expect(warning).toMatchObject({
        message: 'rate limit store unavailable; counted in this instance',
        error: { name: 'ThrottlingException' },
      });
      expect(
        fleet[0]!.metrics.events.filter((e) => e.name === 'rateLimitStoreFailed'),
      ).toHaveLength(4);
      expect(proxy.stats.byFault).toMatchObject({ ThrottlingException: 16 });

      proxy.setRules([]);
      expect(
        await statuses(Array.from({ length: 6 }, (_, i) => viaRouter(fleet, i, '198.51.100.42'))),
      ).toEqual({ 200: 2, 429: 4 });
    } finally {
      dynamo.destroy();
      await proxy.stop();
    }
  });

  it('gives up on a table that does not answer within its timeout, and the request goes on', async () => {
    const clock = { now: new Date(T0.getTime() + 10_800_000) };
    const proxy = await startFaultProxy({
      target: inject('dynamodb'),
      kind: 'dynamodb',
      seed: 19,
      rules: [{ match: 'UpdateItem', probability: 1, fault: { type: 'timeout' } }],
    });
    const dynamo = new DynamoDBClient({
      ...dynamoDbClientConfig(inject('dynamodb')),
      endpoint: proxy.endpoint,
    });
    try {
      const [one] = instances(
        1,
        { count: 1, windowSeconds: 60 },
        { clock, dynamo, timeoutMs: 300 },
      );
      const response = await viaRouter([one!], 0, '198.51.100.51');
      expect(response.status).toBe(200);
      expect(one!.logger.lines.find((line) => line.level === 'WARN')).toMatchObject({
        error: { name: expect.stringMatching(/Abort|Timeout/) },
      });
      expect((await viaRouter([one!], 1, '198.51.100.51')).status).toBe(429);
    } finally {
      dynamo.destroy();
      await proxy.stop();
    }
  });
});
