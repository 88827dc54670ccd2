// DynamoDB Local for integration tests: the run's one server (vitest globalSetup), a table
// per test.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClientConfig, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import { recordsTableInput } from '@symval/records';
import { inject } from 'vitest';

/** A client of the run's DynamoDB Local. */
export function localClient(): DynamoDBClient {
  return new DynamoDBClient(dynamoDbClientConfig(inject('dynamodb')));
}

/** Creates a DomainRecord table under a unique name and returns the name. */
export async function createRecordsTable(client: DynamoDBClient): Promise<string> {
  const tableName = uniqueName('records');
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  return tableName;
}
