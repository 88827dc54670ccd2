import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { calculateGroupIdV1 } from '@symval/groupid';
import { dynamoDbClientConfig, uniqueName } from '@symval/local-services';
// Brings in the type of inject('dynamodb').
import type {} from '@symval/local-services/vitest-global-setup';
import {
  attestationViewer,
  connectRecords,
  type DomainRecord,
  publicViewer,
  type RecordsClient,
  recordsTableInput,
  type SymmetryCode,
} from '@symval/records';
import { inject } from 'vitest';

/** A records table of its own in the run's DynamoDB Local, and the env that points the CLI at it. */
export interface TestTable {
  tableName: string;
  client: DynamoDBClient;
  records: RecordsClient;
  /** For `runSymval(…, { env })`: endpoint, region and dummy credentials. */
  env: Record<string, string>;
  /** Every record, sorted by group ID and hostname. */
  all(): Promise<DomainRecord[]>;
  /** Stores a group as an attestation would, with the given ValidateTime. */
  seed(
    owner: string,
    type: SymmetryCode,
    hostnames: string[],
    validateTime?: Date,
  ): Promise<string>;
  /** Writes an item as is, bypassing every check (for records no writer would make). */
  putRaw(item: {
    pk: string;
    sk: string;
    owner: string;
    type: string;
    time: Date;
    rev: number;
  }): Promise<void>;
}

/** Creates a records table named after `label` in the shared DynamoDB Local. */
export async function createTestTable(label: string): Promise<TestTable> {
  const info = inject('dynamodb');
  const client = new DynamoDBClient(dynamoDbClientConfig(info));
  const tableName = uniqueName(label);
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  const records = connectRecords(client, { tableName });
  return {
    tableName,
    client,
    records,
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: info.endpoint,
      AWS_REGION: info.region,
      AWS_ACCESS_KEY_ID: info.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: info.credentials.secretAccessKey,
    },
    async all() {
      const out: DomainRecord[] = [];
      for await (const record of records.as(publicViewer()).listAll({ consistentRead: true })) {
        out.push(record);
      }
      return out.sort((a, b) =>
        a.groupId === b.groupId
          ? a.hostname.localeCompare(b.hostname)
          : a.groupId < b.groupId
            ? -1
            : 1,
      );
    },
    async seed(owner, type, hostnames, validateTime = new Date()) {
      const groupId = calculateGroupIdV1(owner, type, hostnames);
      const attested = hostnames.map((hostname) => ({
        owner,
        type,
        hostname,
        groupId,
        validateTime,
      }));
      const result = { status: 'valid', records: attested };
      await records.as(attestationViewer(result)).upsertAttested(attested);
      return groupId;
    },
    async putRaw(item) {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: item.pk },
            sk: { S: item.sk },
            Owner: { S: item.owner },
            Type: { S: item.type },
            ValidateTime: { S: item.time.toISOString() },
            Rev: { N: String(item.rev) },
          },
        }),
      );
    },
  };
}
