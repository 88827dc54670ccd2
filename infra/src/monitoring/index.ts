export type { AlarmSpec, WatchedFunctions } from './alarms.js';
export {
  ALARM_PERIOD_SECONDS,
  alarmName,
  alarmSpecs,
  createMonitoring,
  EXPECTED_THROTTLES,
  ITERATOR_AGE_THRESHOLD_MS,
} from './alarms.js';
