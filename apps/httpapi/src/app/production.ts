import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { connectRecords } from '@symval/records';
import type { Hono } from 'hono';
import type { HttpApiConfig } from '../config/config.js';
import type { AppLogger } from '../observability/logger.js';
import type { AppMetrics } from '../observability/metrics.js';
import { createRecordsGroupStore } from '../store/records-store.js';
import { createApp } from './create-app.js';
import type { AppEnv } from './env.js';

/** What {@link createConfiguredApp} may be given instead of making it. */
export interface ConfiguredAppOptions {
  /** Default: a client from the environment (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local). */
  dynamoDb?: DynamoDBClient;
  logger?: AppLogger;
  metrics?: AppMetrics;
}

/**
 * The app as deployed: DNS through `@symval/dns-claims` (`DNS_SERVERS` or the system resolver),
 * the DomainRecord table through `@symval/records`, settings from {@link readHttpApiConfig}.
 *
 * @example
 * const app = createConfiguredApp(readHttpApiConfig());
 */
export function createConfiguredApp(
  config: HttpApiConfig,
  options: ConfiguredAppOptions = {},
): Hono<AppEnv> {
  const client = options.dynamoDb ?? new DynamoDBClient({});
  const resolver = createDnsClaimResolver(config.dnsServers ? { servers: config.dnsServers } : {});
  return createApp({
    resolver,
    store: createRecordsGroupStore(connectRecords(client, { tableName: config.tableName })),
    siteOrigins: config.siteOrigins,
    rateLimit: config.rateLimit,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
}
