import { describe, expect, it } from 'vitest';
import { FAILURE_RETENTION_SECONDS } from '../src/index.js';
import { resolve } from './platform-stub.js';
import { functionArgs, runConfig } from './run-config.js';

const run = await runConfig('dev');
const table = run.recording.one('sst.aws.Dynamo', 'DomainRecords');
const queue = run.recording.one('aws.sqs.Queue', 'StreamerFailures');
const queueArn = resolve((queue.instance as { arn: unknown }).arn);
const streamerArn = resolve(
  (run.recording.one('sst.aws.Function', 'Streamer').instance as { arn: unknown }).arn,
);

describe('the streamer subscription', () => {
  const subscriptions = table.calls.filter((call) => call.method === 'subscribe');

  it('is the only subscriber of the table stream, by the streamer function', () => {
    expect(subscriptions).toHaveLength(1);
    const [name, subscriber] = resolve(subscriptions[0]!.args) as [string, string];
    expect(name).toBe('Streamer');
    expect(subscriber).toBe(streamerArn);
  });

  it('reads from the oldest record in batches, bisects on error and reports partial failures', () => {
    const [, , args] = resolve(subscriptions[0]!.args) as [
      string,
      string,
      { transform: { eventSourceMapping: Record<string, unknown> } },
    ];
    expect(args.transform.eventSourceMapping).toEqual({
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      maximumBatchingWindowInSeconds: 5,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 21600,
      parallelizationFactor: 1,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: { onFailure: { destinationArn: queueArn } },
    });
  });

  it('gives up on a record within the stream retention of 24 hours', () => {
    const [, , args] = resolve(subscriptions[0]!.args) as [
      string,
      string,
      {
        transform: {
          eventSourceMapping: { maximumRecordAgeInSeconds: number; maximumRetryAttempts: number };
        };
      },
    ];
    const { maximumRecordAgeInSeconds, maximumRetryAttempts } = args.transform.eventSourceMapping;
    expect(maximumRecordAgeInSeconds).toBeGreaterThan(0);
    expect(maximumRecordAgeInSeconds).toBeLessThan(24 * 60 * 60);
    // -1 would mean "retry until the record expires".
    expect(maximumRetryAttempts).toBeGreaterThanOrEqual(0);
    expect(maximumRetryAttempts).toBeLessThanOrEqual(10);
  });

  it('runs one invocation at a time', () => {
    expect(functionArgs(run.recording, 'Streamer').concurrency).toEqual({ reserved: 1 });
  });

  it('sends failed batches to an encrypted queue that keeps them 14 days', () => {
    expect(queue.args).toEqual({
      messageRetentionSeconds: FAILURE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    expect(FAILURE_RETENTION_SECONDS).toBe(1_209_600);
  });
});
