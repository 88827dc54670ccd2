// Each function's DynamoDB permissions against what its code really sends: the operations
// the function calls (OPERATIONS_USED, checked against its sources by table-use.test.ts) are
// run through @symval/records and dynamite on DynamoDB Local, every request the client sends
// is recorded, and the IAM grants those requests need must be exactly the function's grants
// on the table. A write rule that starts reading the current item (a GetItem), an operation
// that moves to an index, or a new call in an app shows up here as a difference.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { calculateGroupIdV1 } from '@symval/groupid';
import { dynamoDbClientConfig, uniqueName } from '@symval/local-services';
import type {} from '@symval/local-services/vitest-global-setup';
import {
  type AttestedRecordLike,
  attestationViewer,
  connectRecords,
  publicViewer,
  type RecordsClient,
  reattestationViewer,
  recordsTableInput,
  type SymmetryCode,
} from '@symval/records';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FunctionKey } from '../src/index.js';
import { FUNCTION_NAMES } from './docs.js';
import { TYPES } from './sst/deployment.js';
import { dev } from './sst/shared.js';
import { OPERATIONS_USED, requiredGrants, type SentRequest } from './table-use.js';

const deployment = dev();
const TABLE_ARN = deployment.state<{ arn: string }>(TYPES.table, 'DomainRecordsTable').arn;
const STREAM_ARN = `${TABLE_ARN}/stream/`;

/** The DynamoDB grants of the function's IAM role on the table and its indexes (not the stream). */
function tableGrants(key: FunctionKey): string[] {
  return (
    deployment
      .lambda(FUNCTION_NAMES[key])
      .statements.flatMap((p) => p.Action.flatMap((a) => p.Resource.map((r) => `${a} on ${r}`)))
      // On the DomainRecord table and its indexes only: httpapi's rate-limit table is another
      // table (test/api-needs.test.ts).
      .filter(
        (line) =>
          line.startsWith('dynamodb:') &&
          line.includes(` on ${TABLE_ARN}`) &&
          !line.includes(STREAM_ARN),
      )
      .sort()
  );
}

const sent: SentRequest[] = [];
const client = new DynamoDBClient(dynamoDbClientConfig(inject('dynamodb')));
// Every request, as the SDK is about to serialise it: the command's name and its input.
client.middlewareStack.add(
  (next, context) => async (args) => {
    sent.push({
      command: context.commandName as string,
      input: args.input as Record<string, unknown>,
    });
    return next(args);
  },
  { step: 'initialize', name: 'recordSentRequests' },
);

let tableName: string;
let records: RecordsClient;

beforeAll(async () => {
  tableName = uniqueName('infra-access');
  await client.send(new CreateTableCommand(recordsTableInput({ tableName })));
  records = connectRecords(client, { tableName });
});
afterAll(() => client.destroy());

/** The records of a valid attestation of `hostnames` by `owner`. */
function attested(owner: string, type: SymmetryCode, hostnames: string[]): AttestedRecordLike[] {
  const groupId = calculateGroupIdV1(owner, type, hostnames);
  const validateTime = new Date('2026-11-01T00:00:00Z');
  return hostnames.map((hostname) => ({ owner, type, hostname, groupId, validateTime }));
}

/** The requests `run` made, and the grants they need (the table's name mapped to its ARN). */
async function grantsNeededBy(run: () => Promise<void>): Promise<string[]> {
  sent.length = 0;
  await run();
  expect(sent.length).toBeGreaterThan(0);
  return requiredGrants(sent, (name) => {
    expect(name).toBe(tableName);
    return TABLE_ARN;
  });
}

/** Writes a group as the API would, outside any recording. */
async function seed(group: AttestedRecordLike[]): Promise<void> {
  const result = { status: 'valid', records: group };
  expect((await records.as(attestationViewer(result)).upsertAttested(group)).status).toBe(
    'updated',
  );
}

describe('what each function sends to the DomainRecord table', () => {
  it('httpapi: upserts in a transaction, queries the table, deletes conditionally, nothing more', async () => {
    expect(OPERATIONS_USED.httpapi).toEqual(['deleteIfUnchanged', 'listGroup', 'upsertAttested']);
    const group = attested('https://api.example', 'e', ['me.example.com', 'com.example.me']);
    const key = { groupId: group[0]!.groupId, hostname: group[0]!.hostname };
    const needed = await grantsNeededBy(async () => {
      const writer = records.as(attestationViewer({ status: 'valid', records: group }));
      // records-store.ts saveAttested: the upsert (a new group, then an existing one), the read-back.
      expect((await writer.upsertAttested(group)).status).toBe('updated');
      expect((await writer.upsertAttested(group)).status).toBe('updated');
      const reader = records.as(publicViewer());
      const stored = await reader.listGroup(key.groupId);
      expect(stored.map((r) => r.rev)).toEqual([2, 2]);
      // deleteGroup: Rev-conditional deletes as the re-attestation viewer; a stale Rev, a
      // deleted record, then a record that is gone.
      const withdrawer = records.as(reattestationViewer());
      expect((await withdrawer.deleteIfUnchanged(key, 1)).status).toBe('conflict');
      expect((await withdrawer.deleteIfUnchanged(key, 2)).status).toBe('deleted');
      expect((await withdrawer.deleteIfUnchanged(key, 2)).status).toBe('missing');
    });
    expect(needed).toEqual(tableGrants('httpapi'));
    expect(sent.map((r) => r.command)).not.toContain('GetItemCommand');
  });

  it('reattestbatch: conditional updates and deletes only, never a read of the table', async () => {
    expect(OPERATIONS_USED.reattestbatch).toEqual([
      'deleteIfUnchanged',
      'setValidationIfUnchanged',
    ]);
    const group = attested('https://batch.example', 'a', ['abba.example']);
    await seed(group);
    const key = { groupId: group[0]!.groupId, hostname: group[0]!.hostname };
    const gone = { ...key, hostname: 'gone.example' };
    const needed = await grantsNeededBy(async () => {
      const batch = records.as(reattestationViewer());
      const time = new Date('2026-11-23T03:17:00Z');
      expect((await batch.setValidationIfUnchanged(key, 1, time)).status).toBe('updated');
      expect((await batch.setValidationIfUnchanged(key, 1, time)).status).toBe('conflict');
      expect((await batch.setValidationIfUnchanged(gone, 1, time)).status).toBe('missing');
      expect((await batch.deleteIfUnchanged(key, 1)).status).toBe('conflict');
      expect((await batch.deleteIfUnchanged(key, 2)).status).toBe('deleted');
      expect((await batch.deleteIfUnchanged(gone, 1)).status).toBe('missing');
    });
    expect(needed).toEqual(tableGrants('reattestbatch'));
  });

  it('streamer: rebuilding a missing state is a parallel scan of the table, nothing more', async () => {
    expect(OPERATIONS_USED.streamer).toEqual(['listAll']);
    await seed(attested('https://stream.example', 'b', ['zq.suns.bz']));
    const needed = await grantsNeededBy(async () => {
      // stream-handler.ts: records.asSystem('snapshot-rebuild').listAll({ segments: 4 }).
      let count = 0;
      for await (const _ of records.asSystem('snapshot-rebuild').listAll({ segments: 4 })) count++;
      expect(count).toBeGreaterThan(0);
    });
    expect(sent.filter((r) => r.command === 'ScanCommand')).toHaveLength(4);
    expect(needed).toEqual(tableGrants('streamer'));
  });

  it('no function needs the byOwner index, but listing by owner does (the CLI’s)', async () => {
    const owner = 'https://owner.example';
    await seed(attested(owner, 'a', ['abba.example']));
    const needed = await grantsNeededBy(async () => {
      expect(await records.as(publicViewer()).listByOwner(owner)).toHaveLength(1);
    });
    expect(needed).toContain(`dynamodb:Query on ${TABLE_ARN}/index/byOwner`);
    for (const key of Object.keys(FUNCTION_NAMES) as FunctionKey[]) {
      expect(tableGrants(key).filter((line) => line.includes('/index/'))).toEqual([]);
    }
  });
});
