// The pieces of infra/ that need no SST globals, for tests and tools. The modules that
// create resources are loaded by sst.config.ts through src/stack.ts.
export {
  HTTPAPI_TABLE_ACTIONS,
  httpApiPermissions,
  RATE_LIMIT_TABLE_ACTIONS,
  REATTEST_TABLE_ACTIONS,
  reattestPermissions,
  STREAM_READ_ACTIONS,
  STREAMER_TABLE_ACTIONS,
  streamerPermissions,
} from './access/index.js';
export { API_ROUTE, withoutApiGatewayCors } from './api/api.js';
export {
  RATE_LIMIT_KEY,
  RATE_LIMIT_LINK,
  RATE_LIMIT_TTL_ATTRIBUTE,
} from './api/rate-limit-table.js';
export {
  ROUTER_SECRET_GENERATION,
  ROUTER_SECRET_HEADER,
  ROUTER_SECRET_LENGTH,
  ROUTER_SECRET_LINK,
} from './api/router-secret.js';
export {
  REATTEST_EVENT,
  REATTEST_SCHEDULE,
  REATTEST_TIMEOUT,
  REATTEST_TIMEZONE,
} from './batch/index.js';
export type { ClaimRecord } from './domain/index.js';
export {
  CLAIM_PREFIX,
  CLAIM_TTL_SECONDS,
  clubClaimRecords,
  corsOrigins,
  logicalNameOf,
  siteNames,
  siteOrigins,
} from './domain/index.js';
export type { InfraErrorCode } from './errors/index.js';
export { InfraError } from './errors/index.js';
export type { FunctionKey, HandlerLocation } from './functions/index.js';
export {
  HANDLER_EXTENSIONS,
  HANDLERS,
  LAYOUT_FOLDER,
  locateHandler,
  RECORDS_PREFIX,
  RESERVED_CONCURRENCY,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
  SNAPSHOT_STATE_KEY,
  SNAPSHOT_STATE_PREFIX,
  STATE_PREFIX,
  WHOLE_FILE_INTERVAL_SECONDS,
  WHOLE_FILE_THRESHOLD_BYTES,
  wholeFileEnvironment,
} from './functions/index.js';
export type { AlarmSpec, WatchedFunctions } from './monitoring/index.js';
export {
  ALARM_PERIOD_SECONDS,
  ATTENTION_FILTER_PATTERN,
  ATTENTION_LOG_FIELD,
  alarmName,
  alarmSpecs,
  attentionAlarmSpec,
  EXPECTED_THROTTLES,
  ITERATOR_AGE_THRESHOLD_MS,
  invocationAlarmSpecs,
  logMetricNamespace,
  REATTEST_DURATION_THRESHOLD_MS,
  reattestAlarmSpecs,
  streamerAlarmSpecs,
} from './monitoring/index.js';
export type {
  AccountClients,
  AccountFacts,
  CheckResult,
  ConcurrencyFacts,
  HostedZoneFacts,
  PreflightResult,
  PublicAccessBlockFacts,
} from './preflight/index.js';
export {
  checkConcurrency,
  checkHostedZone,
  checkPublicAccessBlock,
  createAccountClients,
  formatPreflight,
  MIN_UNRESERVED_CONCURRENCY,
  readAccountFacts,
  runPreflight,
} from './preflight/index.js';
export type { ApiOrigin, LayoutCaching } from './site/index.js';
export {
  ALL_VIEWER_EXCEPT_HOST_POLICY,
  API_METHODS,
  API_ORIGIN_ID,
  API_PATH_PATTERN,
  CACHING_DISABLED_POLICY,
  LAYOUT_BEHAVIOURS,
  LAYOUT_IMMUTABLE_MAX_AGE_SECONDS,
  LAYOUT_INDEX_MAX_AGE_SECONDS,
  LAYOUT_METHODS,
  LAYOUT_TTLS,
  RECORDS_ROUTE,
  ROUTER_CACHE_KEY_HEADERS,
  WEB_APP,
  withCacheKeyHeaders,
} from './site/index.js';
export type {
  AdoptedResources,
  AppDefinition,
  ClubClaim,
  ClubSettings,
  DeployEnvironment,
  PinnedDeploySettings,
  StageSettings,
} from './stage/index.js';
export {
  appDefinition,
  CORS_ANY,
  CORS_SITE,
  checkDeploySettings,
  DEPLOY_VARIABLES,
  PINNED_DEPLOY_SETTINGS,
  PRODUCTION_DEPLOY,
  PRODUCTION_STAGE,
  REQUIRED_DEPLOY_SETTINGS,
  readDeployEnvironment,
  readStageDeployEnvironment,
  stageSettings,
} from './stage/index.js';
export type {
  GlobalIndexDefinition,
  KeyAttribute,
  TableDefinition,
  TerraformGlobalIndex,
  TerraformTableArguments,
} from './storage/index.js';
export {
  domainTableDefinition,
  erasureCheckpointTableDefinition,
  SITE_BUCKET_CORS,
  siteBucketPolicy,
  toSstDynamoArgs,
  toTerraformTableArguments,
} from './storage/index.js';
export {
  FAILURE_RETENTION_SECONDS,
  FLUSH_EVENT,
  FLUSH_SCHEDULE,
  rateExpression,
  STREAM_SUBSCRIPTION,
} from './stream/index.js';
export type { DeployUnitName } from './units/index.js';
export { APP_TARGETS, DEPLOY_UNIT_TYPE, DEPLOY_UNITS } from './units/index.js';
