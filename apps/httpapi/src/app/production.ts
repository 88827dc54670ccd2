import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { connectRecords } from '@symval/records';
import type { Hono } from 'hono';
import type { HttpApiConfig } from '../config/config.js';
import type { AppLogger } from '../observability/logger.js';
import type { AppMetrics } from '../observability/metrics.js';
import { createDynamoDbRateLimiter } from '../rate-limit/dynamodb.js';
import { failOpen } from '../rate-limit/fail-open.js';
import { createRateLimiter } from '../rate-limit/memory.js';
import { createRecordsGroupStore } from '../store/records-store.js';
import { createApp } from './create-app.js';
import type { AppEnv } from './env.js';

/** What {@link createConfiguredApp} may be given instead of making it. */
export interface ConfiguredAppOptions {
  /** Default: a client from the environment (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local). */
  dynamoDb?: DynamoDBClient;
  logger?: AppLogger;
  metrics?: AppMetrics;
  /** How long one shared rate-limit decision may take before this instance decides. Default 2000 ms. */
  rateLimitTimeoutMs?: number;
}

/**
 * The API's DynamoDB client settings: a request that has not been answered in 3 s is given up
 * (then the SDK retries, 3 attempts in all) instead of holding the function until its own
 * timeout, so a silent table is answered 503 within the 20 s the function has. The SDK only
 * warns about a late request unless `throwOnRequestTimeout` is set.
 */
export const API_DYNAMODB_CLIENT_CONFIG = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true },
} as const satisfies DynamoDBClientConfig;

/**
 * The app as deployed: DNS through `@symval/dns-claims` (`DNS_SERVERS` or the system resolver),
 * the DomainRecord table through `@symval/records`, the rate limit shared through its table
 * (this instance's own counter while that table fails), settings from {@link readHttpApiConfig}.
 *
 * @example
 * const app = createConfiguredApp(readHttpApiConfig());
 */
export function createConfiguredApp(
  config: HttpApiConfig,
  options: ConfiguredAppOptions = {},
): Hono<AppEnv> {
  const client = options.dynamoDb ?? new DynamoDBClient(API_DYNAMODB_CLIENT_CONFIG);
  const resolver = createDnsClaimResolver(config.dnsServers ? { servers: config.dnsServers } : {});
  const rateLimit = config.rateLimitTableName
    ? failOpen(
        createDynamoDbRateLimiter({
          client,
          tableName: config.rateLimitTableName,
          ...config.rateLimit,
          ...(options.rateLimitTimeoutMs ? { timeoutMs: options.rateLimitTimeoutMs } : {}),
        }),
        createRateLimiter(config.rateLimit),
      )
    : config.rateLimit;
  return createApp({
    resolver,
    store: createRecordsGroupStore(connectRecords(client, { tableName: config.tableName })),
    siteOrigins: config.siteOrigins,
    rateLimit,
    routerSecrets: config.routerSecrets,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
}
