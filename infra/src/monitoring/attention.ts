import type { AlarmSpec, WatchedFunctions } from './alarms.js';

/**
 * The field of a JSON log line that asks an operator to look: an app logs
 * `{ "notify": true, ... }` (with Powertools, `logger.error('…', { notify: true })`) for a
 * fault a person must see, such as data it could not keep or a run it had to cut short,
 * and a metric filter on the function's log group counts those lines. The name is the
 * existing club's, so its operators' habit and any tooling on it carry over.
 */
export const ATTENTION_LOG_FIELD = 'notify';

/** The CloudWatch Logs filter pattern: a JSON line whose `notify` is the boolean `true`. */
export const ATTENTION_FILTER_PATTERN = `{ $.${ATTENTION_LOG_FIELD} IS TRUE }`;

/** The namespace of the stage's metrics made from its logs (one per stage, as the alarms). */
export function logMetricNamespace(stage: string): string {
  return `symval/${stage}`;
}

/** The alarm on `prefix`'s attention lines: any one in five minutes fires it. */
export function attentionAlarmSpec(stage: string, prefix: keyof WatchedFunctions): AlarmSpec {
  return {
    name: `${prefix}Attention`,
    description: `${prefix}: a log line asks for attention (${ATTENTION_LOG_FIELD}: true)`,
    namespace: logMetricNamespace(stage),
    metricName: `${prefix}Attention`,
    dimensions: {},
    statistic: 'Sum',
    threshold: 0,
  };
}

/**
 * Creates the metric filter counting `fn`'s attention lines (in the log group SST made for
 * it) and returns the alarm to create on it. The filter reports 0 for lines that do not
 * match, so the metric is continuous while the function runs.
 */
export function createAttentionFilter(options: {
  stage: string;
  prefix: keyof WatchedFunctions;
  fn: sst.aws.Function;
  parent?: $util.Resource;
}): AlarmSpec {
  const spec = attentionAlarmSpec(options.stage, options.prefix);
  const logGroupName = options.fn.nodes.logGroup.apply((group) => {
    if (!group) throw new Error(`${options.prefix} has no log group to watch`);
    return group.name;
  });
  new aws.cloudwatch.LogMetricFilter(
    `${options.prefix}AttentionFilter`,
    {
      logGroupName,
      pattern: ATTENTION_FILTER_PATTERN,
      metricTransformation: {
        namespace: spec.namespace,
        name: spec.metricName,
        value: '1',
        defaultValue: '0',
      },
    },
    { parent: options.parent },
  );
  return spec;
}
