import { describe, expect, it } from 'vitest';
import { type Deployment, TYPES } from './sst/deployment.js';
import { evaluateConfig } from './sst/evaluate.js';
import { dev, production } from './sst/shared.js';

interface AlarmInputs {
  name: string;
  alarmDescription: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
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
    const onStreamer = [...alarms.values()].filter((a) => a.dimensions.FunctionName === streamer);
    expect(onStreamer.map((a) => a.metricName).sort()).toEqual(['Errors', 'IteratorAge']);
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
      expect(all.size).toBe(7);
      for (const [name, alarm] of all) {
        expect(alarm.name).toBe(`symval-${stage}-${name}`);
        expect(alarm.alarmDescription.startsWith(`${stage}: `)).toBe(true);
      }
      expect(deployment.inputs(TYPES.topic, 'Alarms')).toEqual({ name: `symval-${stage}-alarms` });
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
