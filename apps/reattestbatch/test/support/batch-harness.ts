import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { AttestedRecord } from '@symval/attestation';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  dynamoDbClientConfig,
  type LocalDnsServer,
  type S3Local,
  startDnsServer,
  startS3,
  uniqueName,
} from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import {
  attestationViewer,
  connectRecords,
  publicViewer,
  type RecordsClient,
  recordsTableInput,
  type SymmetryCode,
} from '@symval/records';
import { loadState, publishSnapshot, rebuildFromTable } from '@symval/snapshot-builder';
import { inject } from 'vitest';
import type { SnapshotSource } from '../../src/source/load-records.js';

export const OWNER = 'https://me.example';

/** A group of one flip180 hostname, `<label>.suns.bz` style names that rotate onto themselves. */
export interface TestGroup {
  groupId: string;
  type: SymmetryCode;
  hostnames: string[];
}

/** A palindrome group of one hostname: `<x>.<y>.<x>` reversed is itself when x, y are. */
export function palindromeGroup(index: number, owner = OWNER): TestGroup {
  const label = `g${index}`;
  const hostname = `${label}.ab.ba.${[...label].reverse().join('')}`;
  return { groupId: calculateGroupIdV1(owner, 'a', [hostname]), type: 'a', hostnames: [hostname] };
}

/** DynamoDB Local (fresh table), s3rver (fresh bucket) and a DNS server. */
export interface BatchHarness {
  client: DynamoDBClient;
  tableName: string;
  records: RecordsClient;
  s3: S3Client;
  s3Local: S3Local;
  source: SnapshotSource;
  dns: LocalDnsServer;
  /** Stores a group as the API would, validated at `time`. */
  store(group: TestGroup, time: Date, owner?: string): Promise<void>;
  /** Publishes the snapshot and state from the table as it is now (a full rebuild). */
  publish(): Promise<void>;
  /** Publishes the TXT claims of groups. */
  claim(...groups: TestGroup[]): void;
  /** Every record: `hostname -> { rev, validateTime }`. */
  table(): Promise<Record<string, { rev: number; validateTime: string }>>;
  stop(): Promise<void>;
}

/** Options of {@link startBatchHarness}. */
export interface BatchHarnessOptions {
  /**
   * Credentials of the DynamoDB client. DynamoDB Local keeps one database per access key, and
   * s3rver accepts only its own key: a process with one set of credentials for both (the
   * handler, reading them from the environment) needs the table made with s3rver's key.
   */
  dynamoCredentials?: { accessKeyId: string; secretAccessKey: string };
}

export async function startBatchHarness(options: BatchHarnessOptions = {}): Promise<BatchHarness> {
  const info = inject('dynamodb');
  const client = new DynamoDBClient({
    ...dynamoDbClientConfig(info),
    ...(options.dynamoCredentials ? { credentials: options.dynamoCredentials } : {}),
  });
  const tableName = uniqueName('reattest');
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  const records = connectRecords(client, { tableName });
  const bucket = uniqueName('site');
  const s3Local = await startS3({ buckets: [bucket] });
  const s3 = new S3Client(s3Local.clientConfig);
  const source = {
    bucket,
    key: 'records/domains.json',
    stateKey: 'state/snapshot-state.json',
    indexKey: 'records/v1/index.json',
  };
  const dns = await startDnsServer({});
  return {
    client,
    tableName,
    records,
    s3,
    s3Local,
    source,
    dns,
    async store(group, time, owner = OWNER) {
      const attested: AttestedRecord[] = group.hostnames.map((hostname) => ({
        owner,
        type: group.type,
        hostname,
        groupId: group.groupId,
        validateTime: time,
      }));
      const outcome = await records
        .as(attestationViewer({ status: 'valid', records: attested }))
        .upsertAttested(attested);
      if (outcome.status !== 'updated') throw new Error(`could not store ${group.groupId}`);
    },
    async publish() {
      const loaded = await loadState(s3, source);
      const state = await rebuildFromTable(records.asSystem('snapshot-rebuild').listAll());
      await publishSnapshot(s3, { ...source, state, loaded });
    },
    claim(...groups) {
      for (const group of groups) {
        for (const hostname of group.hostnames) {
          dns.setRecord(`_suns.${hostname}`, { txt: [group.groupId] });
        }
      }
    },
    async table() {
      const out = await client.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true }),
      );
      const rows: Record<string, { rev: number; validateTime: string }> = {};
      for (const item of out.Items ?? []) {
        rows[item.sk!.S!] = { rev: Number(item.Rev!.N), validateTime: item.ValidateTime!.S! };
      }
      return rows;
    },
    async stop() {
      await dns.stop();
      s3.destroy();
      await s3Local.stop();
      client.destroy();
    },
  };
}

/** The public view of a group, to check what is stored. */
export async function storedGroup(records: RecordsClient, groupId: string) {
  return records.as(publicViewer()).listGroup(groupId);
}
