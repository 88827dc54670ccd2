import type { Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BatchHarness, palindromeGroup, startBatchHarness } from './support/batch-harness.js';

/** An EventBridge scheduled event, as the daily rule delivers it. */
function scheduledEvent(time: string): ScheduledEvent {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time,
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/symval-production-ReattestDaily'],
    detail: {},
  };
}

function context(remainingMs: number): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'symval-reattestbatch',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:symval-reattestbatch',
    memoryLimitInMB: '1024',
    awsRequestId: '6b2c5a7e-0f3d-4a7e-9a51-2f6f1b0c9d11',
    logGroupName: '/aws/lambda/symval-reattestbatch',
    logStreamName: '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** What infra's EventBridge Scheduler schedule (CronV2) sends, placeholders filled in. */
function scheduleEvent(time: string) {
  return { source: 'symval.reattest-daily', executionId: 'd32c5kddcf5bb8c3', scheduledTime: time };
}

let h: BatchHarness;
let handler: typeof import('../src/handler.js').handler;
const saved = { ...process.env };

beforeAll(async () => {
  const s3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  h = await startBatchHarness({ dynamoCredentials: s3Credentials });
  const info = inject('dynamodb');
  // The handler reads its settings from the environment, as on Lambda.
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: 'symval-reattestbatch',
    AWS_REGION: info.region,
    AWS_ACCESS_KEY_ID: s3Credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3Credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: info.endpoint,
    AWS_ENDPOINT_URL_S3: h.s3Local.endpoint,
    DOMAIN_TABLE_NAME: h.tableName,
    SNAPSHOT_BUCKET: h.source.bucket,
    DNS_SERVERS: h.dns.address,
    REATTEST_CONCURRENCY: '4',
    LOG_LEVEL: 'ERROR',
  });
  ({ handler } = await import('../src/handler.js'));
});

afterAll(async () => {
  process.env = saved;
  await h.stop();
});

describe('the scheduled handler', () => {
  it('re-attests the snapshot on a scheduled event and returns the summary', async () => {
    const group = palindromeGroup(1);
    await h.store(group, new Date(Date.now() - 3_600_000));
    h.claim(group);
    await h.publish();
    const summary = await handler(scheduledEvent('2026-11-23T03:17:00Z'), context(900_000));
    expect(summary).toMatchObject({
      groups: 1,
      valid: 1,
      updated: 1,
      errors: 0,
      complete: true,
    });
    expect((await h.table())[group.hostnames[0]!]?.rev).toBe(2);
  });

  it('leaves everything for the next run when it starts too close to the time limit', async () => {
    await h.publish();
    const before = await h.table();
    const summary = await handler(scheduledEvent('2026-11-24T03:17:00Z'), context(10_000));
    expect(summary).toMatchObject({
      groups: 1,
      reached: 0,
      remaining: 1,
      complete: false,
      updated: 0,
    });
    expect(await h.table()).toEqual(before);
  });

  it('runs the same on the event infra’s daily schedule sends', async () => {
    const group = palindromeGroup(2);
    await h.store(group, new Date(Date.now() - 3_600_000));
    h.claim(group);
    await h.publish();
    const summary = await handler(scheduleEvent('2026-11-25T03:17:00Z'), context(900_000));
    expect(summary).toMatchObject({ groups: 2, valid: 2, errors: 0, complete: true });
    expect((await h.table())[group.hostnames[0]!]?.rev).toBe(2);
  });
});
