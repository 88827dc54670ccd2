// DynamoDB Local for integration tests: one shared server per run (vitest globalSetup), a
// table per test file.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClientConfig, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import { inject } from 'vitest';
import { recordsTableInput } from '../src/index.js';

export function localClient(): DynamoDBClient {
  return new DynamoDBClient(dynamoDbClientConfig(inject('dynamodb')));
}

/** Creates a DomainRecord table under a unique name and returns the name. */
export async function createRecordsTable(client: DynamoDBClient): Promise<string> {
  const tableName = uniqueName('records');
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  return tableName;
}
