import { describe, expect, it } from 'vitest';
import { REATTEST_EVENT } from '../src/index.js';
import { type ScheduleInputs, statementsOf, TYPES } from './sst/deployment.js';
import { dev } from './sst/shared.js';

describe('reattestbatch', () => {
  const run = dev();
  const schedules = run.all(TYPES.schedule);
  const schedule = () => run.inputs<ScheduleInputs>(TYPES.schedule, 'ReattestDailySchedule');

  it('is started by one EventBridge Scheduler schedule (CronV2), and by no EventBridge rule', () => {
    // sst.aws.Cron is deprecated and makes an EventBridge rule, which has no time zone.
    expect(run.all('aws:cloudwatch/eventRule:EventRule')).toEqual([]);
    // The other schedule is the streamer's flush (test/flush.test.ts).
    expect(schedules.map((s) => s.name).sort()).toEqual([
      'ReattestDailySchedule',
      'SnapshotFlushSchedule',
    ]);
    const fnArn = run.state<{ arn: string }>(TYPES.function, 'ReattestBatchFunction').arn;
    const targets = schedules.map((s) => (s.inputs.target as { arn: string }).arn);
    expect(targets.filter((arn) => arn === fnArn)).toHaveLength(1);
    expect(schedule().state).toBe('ENABLED');
    expect(schedule().flexibleTimeWindow).toEqual({ mode: 'OFF' });
  });

  it('runs once a day at 03:17 in UTC', () => {
    expect(schedule().scheduleExpression).toBe('cron(17 3 * * ? *)');
    expect(schedule().scheduleExpressionTimezone).toBe('UTC');
  });

  it('invokes the function with the run’s ID and due time, and no retry', () => {
    const fnArn = run.state<{ arn: string }>(TYPES.function, 'ReattestBatchFunction').arn;
    expect(schedule().target.arn).toBe(fnArn);
    expect(JSON.parse(schedule().target.input)).toEqual({
      source: 'symval.reattest-daily',
      executionId: '<aws.scheduler.execution-id>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(JSON.parse(schedule().target.input)).toEqual(REATTEST_EVENT);
    expect(schedule().target.retryPolicy).toEqual({ maximumRetryAttempts: 0 });
    const role = run.inputs<{ inlinePolicies: { policy: string }[] }>(
      TYPES.role,
      'ReattestDailyRole',
    );
    expect(role.inlinePolicies.flatMap((p) => statementsOf(p.policy))).toEqual([
      { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [fnArn] },
    ]);
    expect(schedule().target.roleArn).toBe(run.state(TYPES.role, 'ReattestDailyRole').arn);
  });

  it('may run for Lambda’s full 15 minutes, one run at a time, without automatic retries', () => {
    expect(run.lambda('ReattestBatch').inputs).toMatchObject({
      timeout: 900,
      reservedConcurrentExecutions: 1,
      memorySize: 1024,
    });
    expect(run.inputs(TYPES.eventInvokeConfig, 'ReattestBatchEventInvokeConfig')).toMatchObject({
      maximumRetryAttempts: 0,
    });
  });
});
