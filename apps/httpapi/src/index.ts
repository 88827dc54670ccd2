export type { AppOptions } from './app/create-app.js';
export { createApp } from './app/create-app.js';
export type { AppBindings, AppEnv } from './app/env.js';
export type { ConfiguredAppOptions } from './app/production.js';
export { API_DYNAMODB_CLIENT_CONFIG, createConfiguredApp } from './app/production.js';
export { parseViewerAddress, rateLimitSubject } from './client/address.js';
export type { ClientKeyOptions } from './client/client-key.js';
export {
  createClientKey,
  ROUTER_SECRET_HEADER,
  VIEWER_ADDRESS_HEADER,
} from './client/client-key.js';
export type { HttpApiConfig } from './config/config.js';
export { readHttpApiConfig } from './config/config.js';
export type { HttpApiErrorCode } from './errors.js';
export { HttpApiError } from './errors.js';
export type { RunningServer, StartServerOptions } from './node/start-server.js';
export { startServer } from './node/start-server.js';
export type { AppLogger, LogAttributes, MemoryLogger } from './observability/logger.js';
export { createJsonLogger, createMemoryLogger } from './observability/logger.js';
export type { AppMetrics, MemoryMetrics } from './observability/metrics.js';
export { createEmfMetrics, createMemoryMetrics } from './observability/metrics.js';
export type {
  DynamoDbRateLimiter,
  DynamoDbRateLimiterOptions,
  MemoryRateLimiter,
  RateLimitDecision,
  RateLimiter,
  RateLimiterOptions,
  RateLimitSetting,
  RateLimitStoreFailure,
  RateLimitTableOptions,
} from './rate-limit/index.js';
export {
  createDynamoDbRateLimiter,
  createRateLimiter,
  failOpen,
  parseRateLimit,
  RATE_LIMIT_KEY,
  RATE_LIMIT_TTL_ATTRIBUTE,
  rateLimitTableInput,
  rateLimitTimeToLiveInput,
} from './rate-limit/index.js';
export type { AttestResponse } from './routes/attest.js';
export type {
  DeleteGroupResult,
  GroupStore,
  SaveAttestedResult,
  StoredRecord,
} from './store/group-store.js';
export { createRecordsGroupStore } from './store/records-store.js';
export { isStoreUnavailable } from './store/unavailable.js';
