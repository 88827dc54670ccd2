export type { AppOptions } from './app/create-app.js';
export { createApp } from './app/create-app.js';
export type { AppBindings, AppEnv } from './app/env.js';
export type { ConfiguredAppOptions } from './app/production.js';
export { createConfiguredApp } from './app/production.js';
export type { HttpApiConfig } from './config/config.js';
export { readHttpApiConfig } from './config/config.js';
export type { HttpApiErrorCode } from './errors.js';
export { HttpApiError } from './errors.js';
export type { RateLimitDecision, RateLimiter, RateLimitSetting } from './http/rate-limit.js';
export { createRateLimiter, parseRateLimit } from './http/rate-limit.js';
export type { RunningServer, StartServerOptions } from './node/start-server.js';
export { startServer } from './node/start-server.js';
export type { AppLogger, LogAttributes, MemoryLogger } from './observability/logger.js';
export { createJsonLogger, createMemoryLogger } from './observability/logger.js';
export type { AppMetrics, MemoryMetrics } from './observability/metrics.js';
export { createEmfMetrics, createMemoryMetrics } from './observability/metrics.js';
export type { AttestResponse } from './routes/attest.js';
export type {
  DeleteGroupResult,
  GroupStore,
  SaveAttestedResult,
  StoredRecord,
} from './store/group-store.js';
export { createRecordsGroupStore } from './store/records-store.js';
