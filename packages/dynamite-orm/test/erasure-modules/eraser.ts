// An eraser over the social tables the test names in the environment, for the command line.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectSocial } from '../erasure-env.js';

export function eraser() {
  const client = new DynamoDBClient(JSON.parse(process.env.ERASURE_CLIENT_CONFIG!));
  return connectSocial(client, JSON.parse(process.env.ERASURE_TABLE_NAMES!)).eraser;
}
