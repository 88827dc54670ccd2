export type { DynamoDbRateLimiter, DynamoDbRateLimiterOptions } from './dynamodb.js';
export { createDynamoDbRateLimiter } from './dynamodb.js';
export { failOpen } from './fail-open.js';
export type { MemoryRateLimiter, RateLimiterOptions } from './memory.js';
export { createRateLimiter } from './memory.js';
export { parseRateLimit } from './setting.js';
export type { RateLimitTableOptions } from './table.js';
export {
  RATE_LIMIT_KEY,
  RATE_LIMIT_TTL_ATTRIBUTE,
  rateLimitTableInput,
  rateLimitTimeToLiveInput,
} from './table.js';
export type {
  RateLimitDecision,
  RateLimiter,
  RateLimitSetting,
  RateLimitStoreFailure,
} from './types.js';
