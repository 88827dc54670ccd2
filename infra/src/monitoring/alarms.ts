import type { StageSettings } from '../stage/settings.js';

/** One alarm to create: the metric, and when it fires. */
export interface AlarmSpec {
  /** The Pulumi name, e.g. `StreamerIteratorAge`. */
  name: string;
  description: string;
  namespace: 'AWS/Lambda' | 'AWS/SQS';
  metricName: string;
  dimensions: Record<string, $util.Input<string>>;
  statistic: 'Sum' | 'Maximum';
  threshold: number;
}

/** Five-minute periods; one breaching period is enough, since each of these is rare. */
export const ALARM_PERIOD_SECONDS = 300;

/**
 * The stream is behind by more than this (milliseconds). Normal lag is the 5 s batching
 * window plus a publish; ten minutes means the streamer is failing or throttled.
 */
export const ITERATOR_AGE_THRESHOLD_MS = 10 * 60 * 1000;

/** The functions watched, by their Pulumi name prefix (`HttpApi` -> `HttpApiErrors`). */
export interface WatchedFunctions {
  HttpApi: { name: $util.Output<string> };
  Streamer: { name: $util.Output<string> };
  ReattestBatch: { name: $util.Output<string> };
}

/**
 * The functions whose throttles are normal, with why, and so have no throttles alarm.
 *
 * - Streamer: reserved concurrency 1 serves every shard of the table's stream, and Lambda
 *   polls the shards side by side, so with two shards or more some invocations are throttled
 *   all the time and retried by the event source mapping. What matters, the snapshot falling
 *   behind, is the IteratorAge alarm.
 */
export const EXPECTED_THROTTLES: ReadonlySet<keyof WatchedFunctions> = new Set(['Streamer']);

/**
 * The alarms: any unhandled error of any function (the API answers expected failures with
 * 4xx, so an error is a bug or broken infrastructure), any throttle of a function that should
 * never be throttled (not the streamer: {@link EXPECTED_THROTTLES}), the streamer falling
 * behind the stream, and any batch landing in the streamer's failure queue.
 */
export function alarmSpecs(
  functions: WatchedFunctions,
  failureQueueName: $util.Input<string>,
): AlarmSpec[] {
  const specs: AlarmSpec[] = [];
  for (const [prefix, fn] of Object.entries(functions) as [
    keyof WatchedFunctions,
    { name: $util.Output<string> },
  ][]) {
    specs.push({
      name: `${prefix}Errors`,
      description: `${prefix}: invocations ended in an error`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: fn.name },
      statistic: 'Sum',
      threshold: 0,
    });
    if (EXPECTED_THROTTLES.has(prefix)) continue;
    specs.push({
      name: `${prefix}Throttles`,
      description: `${prefix}: invocations were throttled`,
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      dimensions: { FunctionName: fn.name },
      statistic: 'Sum',
      threshold: 0,
    });
  }
  specs.push(
    {
      name: 'StreamerIteratorAge',
      description: 'Streamer: the snapshot is more than 10 minutes behind the table',
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: functions.Streamer.name },
      statistic: 'Maximum',
      threshold: ITERATOR_AGE_THRESHOLD_MS,
    },
    {
      name: 'StreamerFailuresQueued',
      description: 'Streamer: a stream batch was given up and sent to the failure queue',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: failureQueueName },
      statistic: 'Maximum',
      threshold: 0,
    },
  );
  return specs;
}

/**
 * The name of an alarm (or of the alarm topic) in CloudWatch: the app and stage first, so
 * the alarms of every stage in one account, and the mails they send, say which stage.
 */
export function alarmName(stage: string, name: string): string {
  return `symval-${stage}-${name}`;
}

/**
 * Creates the alarms and the SNS topic they notify (and clear). With `alarmEmail`, the
 * topic mails that address once the subscription is confirmed.
 */
export function createMonitoring(options: {
  settings: StageSettings;
  functions: WatchedFunctions;
  failureQueueName: $util.Input<string>;
  alarmEmail: string | undefined;
}): { topic: aws.sns.Topic; alarms: aws.cloudwatch.MetricAlarm[] } {
  const { stage } = options.settings;
  const topic = new aws.sns.Topic('Alarms', { name: alarmName(stage, 'alarms') });
  if (options.alarmEmail) {
    new aws.sns.TopicSubscription('AlarmsEmail', {
      topic: topic.arn,
      protocol: 'email',
      endpoint: options.alarmEmail,
    });
  }
  const alarms = alarmSpecs(options.functions, options.failureQueueName).map(
    (spec) =>
      new aws.cloudwatch.MetricAlarm(spec.name, {
        name: alarmName(stage, spec.name),
        alarmDescription: `${stage}: ${spec.description}`,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: spec.dimensions,
        statistic: spec.statistic,
        period: ALARM_PERIOD_SECONDS,
        evaluationPeriods: 1,
        threshold: spec.threshold,
        comparisonOperator: 'GreaterThanThreshold',
        // No data means nothing ran, which is not a failure (the batch runs once a day).
        treatMissingData: 'notBreaching',
        alarmActions: [topic.arn],
        okActions: [topic.arn],
      }),
  );
  return { topic, alarms };
}
