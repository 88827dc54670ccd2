// DynamoDB Local helpers for integration tests: one shared server per run (vitest globalSetup),
// a table per definition per test file.
import {
  CreateTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { dynamoDbClientConfig, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import { inject } from 'vitest';
import {
  createTableInput,
  type TableDefinition,
  type TableShape,
  timeToLiveInput,
} from '../src/index.js';

export function localClientConfig(): DynamoDBClientConfig {
  return dynamoDbClientConfig(inject('dynamodb'));
}

export function localClient(): DynamoDBClient {
  return new DynamoDBClient(localClientConfig());
}

/** Creates the table of a definition under a unique name and returns that name. */
export async function createTable<S extends TableShape>(
  client: DynamoDBClient,
  definition: TableDefinition<S>,
): Promise<string> {
  const tableName = uniqueName(definition.name);
  await client.send(new CreateTableCommand(createTableInput(definition, { tableName })));
  const ttl = timeToLiveInput(definition, { tableName });
  if (ttl) await client.send(new UpdateTimeToLiveCommand(ttl));
  return tableName;
}
