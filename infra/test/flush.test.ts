import { FLUSH_EVENT_SOURCE, isFlushEvent } from '@symval/streamer';
import { describe, expect, it } from 'vitest';
import {
  FLUSH_EVENT,
  FLUSH_SCHEDULE,
  rateExpression,
  WHOLE_FILE_INTERVAL_SECONDS,
} from '../src/index.js';
import { type ScheduleInputs, statementsOf, TYPES } from './sst/deployment.js';
import { dev, production } from './sst/shared.js';

describe('the scheduled flush of the whole file', () => {
  const schedule = (run = dev()) =>
    run.inputs<ScheduleInputs>(TYPES.schedule, 'SnapshotFlushSchedule');

  it('runs every whole-file interval, the one the streamer is given, in every stage', () => {
    for (const run of [dev(), production()]) {
      expect(schedule(run).scheduleExpression).toBe('rate(5 minutes)');
      expect(schedule(run).state).toBe('ENABLED');
      expect(schedule(run).flexibleTimeWindow).toEqual({ mode: 'OFF' });
      const env = run.lambda('Streamer').inputs.environment.variables;
      expect(Number(env.SNAPSHOT_WHOLE_FILE_INTERVAL_SECONDS)).toBe(WHOLE_FILE_INTERVAL_SECONDS);
    }
    expect(FLUSH_SCHEDULE).toBe(rateExpression(WHOLE_FILE_INTERVAL_SECONDS));
  });

  it('invokes the streamer itself with the event its handler sends to the flush, and no retry', () => {
    const run = dev();
    const fnArn = run.state<{ arn: string }>(TYPES.function, 'StreamerFunction').arn;
    expect(schedule().target.arn).toBe(fnArn);
    const input = JSON.parse(schedule().target.input);
    expect(input).toEqual({
      source: 'symval.snapshot-flush',
      executionId: '<aws.scheduler.execution-id>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(input).toEqual(FLUSH_EVENT);
    // The streamer's own test of the word: this event is a flush, and a stream batch is not.
    expect(input.source).toBe(FLUSH_EVENT_SOURCE);
    expect(isFlushEvent(input)).toBe(true);
    expect(schedule().target.retryPolicy).toEqual({ maximumRetryAttempts: 0 });
  });

  it('may invoke the streamer and nothing else', () => {
    const run = dev();
    const fnArn = run.state<{ arn: string }>(TYPES.function, 'StreamerFunction').arn;
    const role = run.inputs<{ inlinePolicies: { policy: string }[] }>(
      TYPES.role,
      'SnapshotFlushRole',
    );
    expect(role.inlinePolicies.flatMap((p) => statementsOf(p.policy))).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [fnArn] },
    ]);
    expect(schedule().target.roleArn).toBe(run.state(TYPES.role, 'SnapshotFlushRole').arn);
  });

  it('adds no function: the flush runs under the streamer’s reserved concurrency of one', () => {
    const run = dev();
    expect(
      run
        .all(TYPES.function)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['HttpApiFunction', 'ReattestBatchFunction', 'StreamerFunction']);
    expect(run.lambda('Streamer').inputs).toMatchObject({ reservedConcurrentExecutions: 1 });
  });

  it('refuses an interval that is not a whole number of minutes', () => {
    expect(rateExpression(60)).toBe('rate(1 minute)');
    expect(rateExpression(900)).toBe('rate(15 minutes)');
    for (const seconds of [0, 30, 90]) {
      expect(() => rateExpression(seconds)).toThrow(
        expect.objectContaining({ code: 'env.invalid' }),
      );
    }
  });
});
