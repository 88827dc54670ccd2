// An eraser over the single-table fixture the test names in the environment, for the command line.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectApp } from '../single-table-erasure.js';

export function eraser() {
  const client = new DynamoDBClient(JSON.parse(process.env.ERASURE_CLIENT_CONFIG!));
  return connectApp(client, JSON.parse(process.env.ERASURE_TABLE_NAMES!)).eraser;
}
