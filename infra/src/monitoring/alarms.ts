import type { StageSettings } from '../stage/settings.js';

/** One alarm to create: the metric, and when it fires. */
export interface AlarmSpec {
  /** The Pulumi name, e.g. `StreamerIteratorAge`. */
  name: string;
  description: string;
  /** `AWS/Lambda`, `AWS/SQS`, or the stage's own namespace for metrics made from logs. */
  namespace: string;
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

/**
 * A re-attestation run longer than this (80 % of its 15-minute timeout) is close to being
 * cut short: the job stops itself 30 s before the timeout and leaves the rest to the next
 * day, so a club that has grown past one run's worth is seen before groups go unchecked.
 */
export const REATTEST_DURATION_THRESHOLD_MS = 12 * 60 * 1000;

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
 * Any unhandled error of the function (the API answers expected failures with 4xx, so an
 * error is a bug or broken infrastructure), and any throttle unless its throttles are
 * {@link EXPECTED_THROTTLES}.
 */
export function invocationAlarmSpecs(
  prefix: keyof WatchedFunctions,
  fn: { name: $util.Input<string> },
): AlarmSpec[] {
  const metric = (metricName: 'Errors' | 'Throttles', description: string): AlarmSpec => ({
    name: `${prefix}${metricName}`,
    description: `${prefix}: ${description}`,
    namespace: 'AWS/Lambda',
    metricName,
    dimensions: { FunctionName: fn.name },
    statistic: 'Sum',
    threshold: 0,
  });
  return [
    metric('Errors', 'invocations ended in an error'),
    ...(EXPECTED_THROTTLES.has(prefix) ? [] : [metric('Throttles', 'invocations were throttled')]),
  ];
}

/** The streamer falling behind the stream, and any batch landing in its failure queue. */
export function streamerAlarmSpecs(
  fn: { name: $util.Input<string> },
  failureQueueName: $util.Input<string>,
): AlarmSpec[] {
  return [
    ...invocationAlarmSpecs('Streamer', fn),
    {
      name: 'StreamerIteratorAge',
      description: 'Streamer: the snapshot is more than 10 minutes behind the table',
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: fn.name },
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
  ];
}

/** The daily re-attestation's errors and throttles, and a run close to its timeout. */
export function reattestAlarmSpecs(fn: { name: $util.Input<string> }): AlarmSpec[] {
  return [
    ...invocationAlarmSpecs('ReattestBatch', fn),
    {
      name: 'ReattestBatchDuration',
      description: 'ReattestBatch: a run took more than 12 of its 15 minutes',
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions: { FunctionName: fn.name },
      statistic: 'Maximum',
      threshold: REATTEST_DURATION_THRESHOLD_MS,
    },
  ];
}

/**
 * Every alarm of the stage's metrics: {@link invocationAlarmSpecs} of httpapi,
 * {@link streamerAlarmSpecs}, {@link reattestAlarmSpecs}. (The alarms on log lines that ask
 * for attention are `attentionAlarmSpec`'s, one per function.)
 */
export function alarmSpecs(
  functions: WatchedFunctions,
  failureQueueName: $util.Input<string>,
): AlarmSpec[] {
  return [
    ...invocationAlarmSpecs('HttpApi', functions.HttpApi),
    ...streamerAlarmSpecs(functions.Streamer, failureQueueName),
    ...reattestAlarmSpecs(functions.ReattestBatch),
  ];
}

/**
 * The name of an alarm (or of the alarm topic) in CloudWatch: the app and stage first, so
 * the alarms of every stage in one account, and the mails they send, say which stage.
 */
export function alarmName(stage: string, name: string): string {
  return `symval-${stage}-${name}`;
}

/**
 * Creates the SNS topic every alarm notifies (and clears), in the shared unit. With
 * `alarmEmail`, the topic mails that address once the subscription is confirmed.
 */
export function createAlarmTopic(options: {
  settings: StageSettings;
  alarmEmail: string | undefined;
  parent?: $util.Resource;
}): aws.sns.Topic {
  const { stage } = options.settings;
  const opts = { parent: options.parent };
  const topic = new aws.sns.Topic('Alarms', { name: alarmName(stage, 'alarms') }, opts);
  if (options.alarmEmail) {
    new aws.sns.TopicSubscription(
      'AlarmsEmail',
      { topic: topic.arn, protocol: 'email', endpoint: options.alarmEmail },
      opts,
    );
  }
  return topic;
}

/** Creates the alarms of `specs`, notifying `topic`, under `parent` (the app's unit). */
export function createAlarms(options: {
  settings: StageSettings;
  specs: AlarmSpec[];
  topic: aws.sns.Topic;
  parent?: $util.Resource;
}): aws.cloudwatch.MetricAlarm[] {
  const { stage } = options.settings;
  const { topic } = options;
  return options.specs.map(
    (spec) =>
      new aws.cloudwatch.MetricAlarm(
        spec.name,
        {
          name: alarmName(stage, spec.name),
          alarmDescription: `${stage}: ${spec.description}`,
          namespace: spec.namespace,
          metricName: spec.metricName,
          ...(Object.keys(spec.dimensions).length > 0 ? { dimensions: spec.dimensions } : {}),
          statistic: spec.statistic,
          period: ALARM_PERIOD_SECONDS,
          evaluationPeriods: 1,
          threshold: spec.threshold,
          comparisonOperator: 'GreaterThanThreshold',
          // No data means nothing ran, which is not a failure (the batch runs once a day).
          treatMissingData: 'notBreaching',
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        { parent: options.parent },
      ),
  );
}
