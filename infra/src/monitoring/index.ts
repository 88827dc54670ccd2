export type { AlarmSpec, WatchedFunctions } from './alarms.js';
export {
  ALARM_PERIOD_SECONDS,
  alarmSpecs,
  createMonitoring,
  ITERATOR_AGE_THRESHOLD_MS,
} from './alarms.js';
