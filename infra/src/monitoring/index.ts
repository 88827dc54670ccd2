export type { AlarmSpec, WatchedFunctions } from './alarms.js';
export {
  ALARM_PERIOD_SECONDS,
  alarmName,
  alarmSpecs,
  createAlarms,
  createAlarmTopic,
  EXPECTED_THROTTLES,
  ITERATOR_AGE_THRESHOLD_MS,
  invocationAlarmSpecs,
  REATTEST_DURATION_THRESHOLD_MS,
  reattestAlarmSpecs,
  streamerAlarmSpecs,
} from './alarms.js';
export {
  ATTENTION_FILTER_PATTERN,
  ATTENTION_LOG_FIELD,
  attentionAlarmSpec,
  createAttentionFilter,
  logMetricNamespace,
} from './attention.js';
