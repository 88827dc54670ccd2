import {
  CreateTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { createDnsClaimResolver } from '@symval/dns-claims';
import {
  type DnsZones,
  dynamoDbClientConfig,
  type LocalDnsServer,
  startDnsServer,
  uniqueName,
} from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import { connectRecords, type RecordsClient, recordsTableInput } from '@symval/records';
import type { Hono } from 'hono';
import { inject } from 'vitest';
import { type AppOptions, createApp } from '../../src/app/create-app.js';
import type { AppEnv } from '../../src/app/env.js';
import { createMemoryLogger, type MemoryLogger } from '../../src/observability/logger.js';
import { createMemoryMetrics, type MemoryMetrics } from '../../src/observability/metrics.js';
import { createRecordsGroupStore } from '../../src/store/records-store.js';

/** The app on DynamoDB Local (a fresh table) and a real DNS server on loopback. */
export interface ApiHarness {
  app: Hono<AppEnv>;
  dns: LocalDnsServer;
  client: DynamoDBClient;
  tableName: string;
  records: RecordsClient;
  logger: MemoryLogger;
  metrics: MemoryMetrics;
  /** Every item of the table, raw. */
  scanTable(): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** Where the app's DynamoDB client goes, when not straight to DynamoDB Local. */
export interface HarnessStoreOptions {
  /** E.g. a fault proxy's endpoint; the harness's own scans still go straight to the table. */
  endpoint?: string;
  /** Client settings for the app's requests (timeouts, attempts). */
  client?: Partial<DynamoDBClientConfig>;
  /** An existing table to share (default: a fresh one). */
  tableName?: string;
}

export async function startApiHarness(
  zones: DnsZones = {},
  options: Partial<AppOptions> = {},
  storeOptions: HarnessStoreOptions = {},
): Promise<ApiHarness> {
  const client = new DynamoDBClient(dynamoDbClientConfig(inject('dynamodb')));
  const tableName = storeOptions.tableName ?? uniqueName('httpapi');
  if (!storeOptions.tableName) {
    await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  }
  const dns = await startDnsServer(zones);
  const appClient =
    storeOptions.endpoint || storeOptions.client
      ? new DynamoDBClient({
          ...dynamoDbClientConfig(inject('dynamodb')),
          ...(storeOptions.endpoint ? { endpoint: storeOptions.endpoint } : {}),
          ...storeOptions.client,
        })
      : client;
  const records = connectRecords(appClient, { tableName });
  const logger = createMemoryLogger();
  const metrics = createMemoryMetrics();
  const app = createApp({
    // One try of 5 s: a name served silent costs five seconds (a test or two do that); a name
    // that answers always answers in time, even on a machine busy with other work.
    resolver: createDnsClaimResolver({ servers: [dns.address], timeoutMs: 5000, tries: 1 }),
    store: createRecordsGroupStore(records),
    logger,
    metrics,
    rateLimit: { count: 10_000, windowSeconds: 60 },
    ...options,
  });
  return {
    app,
    dns,
    client,
    tableName,
    records,
    logger,
    metrics,
    async scanTable() {
      const out = await client.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true }),
      );
      return out.Items ?? [];
    },
    async stop() {
      await dns.stop();
      client.destroy();
      if (appClient !== client) appClient.destroy();
    },
  };
}
