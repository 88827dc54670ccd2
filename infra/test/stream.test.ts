import { describe, expect, it } from 'vitest';
import { FAILURE_RETENTION_SECONDS } from '../src/index.js';
import { TYPES } from './sst/deployment.js';
import { dev } from './sst/shared.js';

describe('the streamer subscription', () => {
  const run = dev();
  const mappings = run.all(TYPES.eventSourceMapping);

  it('is the only event source mapping, from the table’s stream to the streamer', () => {
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.inputs).toMatchObject({
      eventSourceArn: run.state(TYPES.table, 'DomainRecordsTable').streamArn,
      functionName: run.state(TYPES.function, 'StreamerFunction').arn,
    });
  });

  it('reads from the oldest record in batches, bisects on error, reports partial failures, and gives up into the failure queue', () => {
    const { eventSourceArn: _source, functionName: _fn, ...settings } = mappings[0]!.inputs;
    expect(settings).toEqual({
      startingPosition: 'TRIM_HORIZON',
      batchSize: 100,
      maximumBatchingWindowInSeconds: 5,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 21_600,
      parallelizationFactor: 1,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: {
        onFailure: { destinationArn: run.state(TYPES.queue, 'StreamerFailures').arn },
      },
    });
    // Within the stream's 24-hour retention, and never "retry until the record expires" (-1).
    expect(settings.maximumRecordAgeInSeconds).toBeLessThan(24 * 60 * 60);
  });

  it('runs one invocation at a time across all shards', () => {
    expect(run.lambda('Streamer').inputs).toMatchObject({ reservedConcurrentExecutions: 1 });
  });

  it('sends failed batches to an encrypted queue that keeps them 14 days', () => {
    expect(run.inputs(TYPES.queue, 'StreamerFailures')).toEqual({
      messageRetentionSeconds: FAILURE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    expect(FAILURE_RETENTION_SECONDS).toBe(1_209_600);
  });
});
