import { describe, expect, it } from 'vitest';
import { ATTENTION_FILTER_PATTERN, ATTENTION_LOG_FIELD } from '../src/index.js';
import { type Deployment, TYPES } from './sst/deployment.js';
import { evaluateConfig } from './sst/evaluate.js';
import { dev, production } from './sst/shared.js';

interface AlarmInputs {
  name: string;
  alarmDescription: string;
  namespace: string;
  metricName: string;
  /** Absent on the alarms of metrics made from logs, which have none. */
  dimensions?: Record<string, string>;
  statistic: string;
  threshold: number;
  comparisonOperator: string;
  alarmActions: string[];
  okActions: string[];
  treatMissingData: string;
}

const alarmsOf = (run: Deployment) =>
  new Map(run.all(TYPES.alarm).map((a) => [a.name, a.inputs as unknown as AlarmInputs]));
const functionName = (run: Deployment, name: string) =>
  run.state<{ name: string }>(TYPES.function, `${name}Function`).name;

describe('alarms', () => {
  const run = dev();
  const alarms = alarmsOf(run);

  it('fire on any error of each function, and on any throttle of httpapi and reattestbatch', () => {
    const expected = [
      ['HttpApi', 'Errors'],
      ['Streamer', 'Errors'],
      ['ReattestBatch', 'Errors'],
      ['HttpApi', 'Throttles'],
      ['ReattestBatch', 'Throttles'],
    ];
    for (const [name, metric] of expected) {
      expect(alarms.get(`${name}${metric}`), `${name}${metric}`).toMatchObject({
        namespace: 'AWS/Lambda',
        metricName: metric,
        dimensions: { FunctionName: functionName(run, name!) },
        statistic: 'Sum',
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('do not fire on the streamer’s throttles, which its one-at-a-time reading of several shards makes normal', () => {
    const streamer = functionName(run, 'Streamer');
    const onStreamer = [...alarms.values()].filter((a) => a.dimensions?.FunctionName === streamer);
    expect(onStreamer.map((a) => a.metricName).sort()).toEqual(['Errors', 'IteratorAge']);
    expect(alarms.has('StreamerThrottles')).toBe(false);
  });

  it('fire when the streamer is ten minutes behind the stream', () => {
    expect(alarms.get('StreamerIteratorAge')).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: functionName(run, 'Streamer') },
      statistic: 'Maximum',
      threshold: 600_000,
    });
  });

  it('fire when a stream batch lands in the failure queue', () => {
    expect(alarms.get('StreamerFailuresQueued')).toMatchObject({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: run.state(TYPES.queue, 'StreamerFailures').name },
      threshold: 0,
    });
  });

  it('carry the stage in their names and descriptions, as the alarm topic does', () => {
    for (const [deployment, stage] of [
      [dev(), 'dev'],
      [production(), 'production'],
    ] as const) {
      const all = alarmsOf(deployment);
      expect([...all.keys()].sort()).toEqual(
        [
          'HttpApiErrors',
          'HttpApiThrottles',
          'HttpApiAttention',
          'StreamerErrors',
          'StreamerIteratorAge',
          'StreamerFailuresQueued',
          'StreamerAttention',
          'ReattestBatchErrors',
          'ReattestBatchThrottles',
          'ReattestBatchDuration',
          'ReattestBatchAttention',
        ].sort(),
      );
      for (const [name, alarm] of all) {
        expect(alarm.name).toBe(`symval-${stage}-${name}`);
        expect(alarm.alarmDescription.startsWith(`${stage}: `)).toBe(true);
      }
      expect(deployment.inputs(TYPES.topic, 'Alarms')).toEqual({ name: `symval-${stage}-alarms` });
    }
  });

  it('fire when a re-attestation run takes more than 12 of its 15 minutes', () => {
    expect(alarms.get('ReattestBatchDuration')).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: { FunctionName: functionName(run, 'ReattestBatch') },
      statistic: 'Maximum',
      threshold: 720_000,
      comparisonOperator: 'GreaterThanThreshold',
    });
    const timeout = run.lambda('ReattestBatch').inputs as unknown as { timeout: number };
    expect(timeout.timeout).toBe(900);
    // Early enough to be seen before the job's own stop, 30 s before the timeout.
    expect(720_000).toBeLessThan(timeout.timeout * 1000 - 30_000);
  });

  it('fire on any log line of a function that asks for attention (notify: true)', () => {
    expect(ATTENTION_LOG_FIELD).toBe('notify');
    expect(ATTENTION_FILTER_PATTERN).toBe('{ $.notify IS TRUE }');
    for (const [deployment, stage] of [
      [dev(), 'dev'],
      [production(), 'production'],
    ] as const) {
      const all = alarmsOf(deployment);
      for (const name of ['HttpApi', 'Streamer', 'ReattestBatch']) {
        const filter = deployment.inputs<{
          logGroupName: string;
          pattern: string;
          metricTransformation: Record<string, string>;
        }>(TYPES.logMetricFilter, `${name}AttentionFilter`);
        expect(filter).toEqual({
          logGroupName: deployment.state(TYPES.logGroup, `${name}LogGroup`).name,
          pattern: '{ $.notify IS TRUE }',
          metricTransformation: {
            namespace: `symval/${stage}`,
            name: `${name}Attention`,
            value: '1',
            defaultValue: '0',
          },
        });
        const { dimensions: _none, ...alarm } = all.get(`${name}Attention`)!;
        expect(_none).toBeUndefined();
        expect(alarm).toMatchObject({
          namespace: `symval/${stage}`,
          metricName: `${name}Attention`,
          statistic: 'Sum',
          threshold: 0,
          comparisonOperator: 'GreaterThanThreshold',
        });
      }
      // The function logs into the group the filter watches.
      const fn = deployment.lambda('Streamer').inputs as unknown as {
        loggingConfig: { logGroup: string; logFormat: string };
      };
      expect(fn.loggingConfig.logGroup).toBe(
        deployment.state(TYPES.logGroup, 'StreamerLogGroup').name,
      );
    }
  });

  it('notify the alarm topic when they fire and when they clear, and ignore silence', () => {
    const topic = run.state(TYPES.topic, 'Alarms').arn;
    for (const alarm of alarms.values()) {
      expect(alarm.alarmActions).toEqual([topic]);
      expect(alarm.okActions).toEqual([topic]);
      expect(alarm.treatMissingData).toBe('notBreaching');
    }
  });

  it('mail SYMVAL_ALARM_EMAIL: always in production, in another stage when it is set', async () => {
    expect(run.all(TYPES.topicSubscription)).toEqual([]);
    expect(
      production()
        .all(TYPES.topicSubscription)
        .map((s) => s.inputs),
    ).toEqual([
      {
        topic: production().state(TYPES.topic, 'Alarms').arn,
        protocol: 'email',
        endpoint: 'ops@suns.example',
      },
    ]);
    const withEmail = await evaluateConfig({
      stage: 'dev',
      env: { SYMVAL_ALARM_EMAIL: 'dev@suns.example' },
    });
    expect(
      withEmail.resources.filter((r) => r.type === TYPES.topicSubscription).map((r) => r.inputs),
    ).toEqual([expect.objectContaining({ protocol: 'email', endpoint: 'dev@suns.example' })]);
  });
});
