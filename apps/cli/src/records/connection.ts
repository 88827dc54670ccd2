import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectRecords, type RecordsClient } from '@symval/records';
import { createDynamoDbClient, dynamoDbEndpoint } from '../aws/clients.js';
import type { AwsTarget } from '../aws/errors.js';
import type { Env } from '../cli/io.js';

/** The records table, connected, with what error messages need to name it. */
export interface RecordsConnection {
  tableName: string;
  client: DynamoDBClient;
  records: RecordsClient;
  /** For `withAwsErrors`: the table, where it is, how to name it right. */
  target: AwsTarget;
  close(): void;
}

/** Where DynamoDB requests go, in words: the endpoint, or AWS and the region. */
export function describeDynamoDb(env: Env): string {
  const endpoint = dynamoDbEndpoint(env);
  if (endpoint) return endpoint;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  return region ? `AWS ${region}` : 'AWS (region from the profile)';
}

/**
 * Connects the records table named `tableName` with a client from `env`.
 *
 * @example
 * const table = connectRecordsTable('symval-dev-domains', process.env);
 * try {
 *   await table.records.as(publicViewer()).listGroup(groupId);
 * } finally {
 *   table.close();
 * }
 */
export function connectRecordsTable(tableName: string, env: Env): RecordsConnection {
  const client = createDynamoDbClient(env);
  return {
    tableName,
    client,
    records: connectRecords(client, { tableName }),
    target: {
      what: `DynamoDB table "${tableName}"`,
      where: describeDynamoDb(env),
      fix: 'Check --table or DOMAIN_TABLE_NAME',
    },
    close: () => client.destroy(),
  };
}
