export type {
  DnsQueryLogEntry,
  DnsServerOptions,
  DnsZoneEntry,
  DnsZones,
  LocalDnsServer,
} from './dns-server.js';
export { startDnsServer } from './dns-server.js';
export type { DynamoDbLocal, DynamoDbLocalInfo, DynamoDbLocalOptions } from './dynamodb-local.js';
export {
  assertJavaForDynamoDbLocal,
  dynamoDbClientConfig,
  javaMajorVersion,
  startDynamoDbLocal,
} from './dynamodb-local.js';
export type { DynamoDbLocalErrorCode } from './errors.js';
export { LocalServicesError } from './errors.js';
export type {
  AwsErrorShape,
  DnsFault,
  DnsFaultProxy,
  DnsFaultProxyOptions,
  DnsFaultRule,
  DnsQueryMatch,
  ErrorFault,
  FaultErrorCode,
  FaultKindStats,
  FaultLogEntry,
  FaultProxy,
  FaultProxyKind,
  FaultProxyOptions,
  FaultRunReport,
  FaultStats,
  HttpFault,
  HttpFaultRule,
  HttpRequestMatch,
  LatencyFault,
  NthSchedule,
  ResetFault,
  RuleTiming,
  TimeoutFault,
} from './faults/index.js';
export {
  DYNAMODB_ERRORS,
  FaultError,
  faultCountsBySource,
  faultSeeds,
  reportFaultRun,
  S3_ERRORS,
  startDnsFaultProxy,
  startFaultProxy,
} from './faults/index.js';
export { uniqueName } from './names.js';
export type { PortHit, PortWatch } from './port-watch.js';
export { watchPorts } from './port-watch.js';
export { findFreePort } from './ports.js';
export type { S3Local, S3LocalOptions } from './s3.js';
export { startS3 } from './s3.js';
export type {
  StreamPoller,
  StreamPollerErrorCode,
  StreamPollerHandler,
  StreamPollerLogger,
  StreamPollerOptions,
} from './stream-poller/index.js';
export {
  StreamPollerError,
  startStreamPoller,
  toLambdaStreamRecord,
} from './stream-poller/index.js';
