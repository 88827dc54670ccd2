import { describe, expect, it } from 'vitest';
import { resolve } from './platform-stub.js';
import { runConfig } from './run-config.js';

const run = await runConfig('dev');
const topicArn = resolve(
  (run.recording.one('aws.sns.Topic', 'Alarms').instance as { arn: unknown }).arn,
);
const fnName = (name: string) =>
  resolve((run.recording.one('sst.aws.Function', name).instance as { name: unknown }).name);

interface RecordedAlarm {
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

const alarms = new Map(
  run.recording
    .ofKind('aws.cloudwatch.MetricAlarm')
    .map((a) => [a.name, resolve(a.args) as RecordedAlarm]),
);

describe('alarms', () => {
  it('fire on any error or throttle of each function', () => {
    for (const name of ['HttpApi', 'Streamer', 'ReattestBatch']) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms.get(`${name}${metric}`), `${name}${metric}`).toMatchObject({
          namespace: 'AWS/Lambda',
          metricName: metric,
          dimensions: { FunctionName: fnName(name) },
          statistic: 'Sum',
          threshold: 0,
          comparisonOperator: 'GreaterThanThreshold',
        });
      }
    }
  });

  it('fire when the streamer is ten minutes behind the stream', () => {
    expect(alarms.get('StreamerIteratorAge')).toMatchObject({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: fnName('Streamer') },
      statistic: 'Maximum',
      threshold: 600_000,
    });
  });

  it('fire when a stream batch lands in the failure queue', () => {
    const queue = run.recording.one('aws.sqs.Queue', 'StreamerFailures').instance as {
      name: unknown;
    };
    expect(alarms.get('StreamerFailuresQueued')).toMatchObject({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: resolve(queue.name) },
      threshold: 0,
    });
  });

  it('notify the alarm topic when they fire and when they clear, and ignore silence', () => {
    expect(alarms.size).toBe(8);
    for (const alarm of alarms.values()) {
      expect(alarm.alarmActions).toEqual([topicArn]);
      expect(alarm.okActions).toEqual([topicArn]);
      expect(alarm.treatMissingData).toBe('notBreaching');
    }
  });

  it('mail SYMVAL_ALARM_EMAIL only when it is set', async () => {
    expect(run.recording.ofKind('aws.sns.TopicSubscription')).toEqual([]);
    const withEmail = await runConfig('dev', { SYMVAL_ALARM_EMAIL: 'ops@suns.example' });
    const [subscription] = withEmail.recording.ofKind('aws.sns.TopicSubscription');
    expect(resolve(subscription?.args)).toEqual({
      topic: 'arn:aws:sns:us-east-1:123456789012:Alarms-5d4e3f2',
      protocol: 'email',
      endpoint: 'ops@suns.example',
    });
  });
});
