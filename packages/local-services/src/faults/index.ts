export { startDnsFaultProxy } from './dns/proxy.js';
export type {
  DnsFault,
  DnsFaultProxy,
  DnsFaultProxyOptions,
  DnsFaultRule,
  DnsQueryMatch,
} from './dns/types.js';
export type { FaultErrorCode } from './errors.js';
export { FaultError } from './errors.js';
export type { AwsErrorShape } from './http/error-shapes.js';
export { DYNAMODB_ERRORS, S3_ERRORS } from './http/error-shapes.js';
export { startFaultProxy } from './http/proxy.js';
export type {
  ErrorFault,
  FaultProxy,
  FaultProxyKind,
  FaultProxyOptions,
  HttpFault,
  HttpFaultRule,
  HttpRequestMatch,
  LatencyFault,
  ResetFault,
  TimeoutFault,
} from './http/types.js';
export type {
  FaultKindStats,
  FaultLogEntry,
  FaultStats,
  NthSchedule,
  RuleTiming,
} from './schedule.js';
export type { FaultRunReport } from './seeds.js';
export { faultCountsBySource, faultSeeds, reportFaultRun } from './seeds.js';
