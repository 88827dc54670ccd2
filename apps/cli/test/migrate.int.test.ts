import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  countOwners,
  ownerPageId,
  serializeLayoutIndex,
  serializeLayoutShard,
  shardFile,
} from '@symval/records/snapshot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from './records-table.js';
import { runSymval } from './run-cli.js';

const CLUB = 'https://club.example';
const OTHER = 'https://other.example';
const TIME = '2025-11-01T16:07:20.972821344Z';

let table: TestTable;
let dir: string;

/** An item as the existing club's writers stored it: no Rev unless given. */
async function putExisting(
  owner: string,
  type: string,
  hostnames: string[],
  extra: Record<string, AttributeValue> = {},
  groupId = calculateGroupIdV1(owner, type, hostnames),
): Promise<string> {
  for (const hostname of hostnames) {
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: {
          pk: { S: groupId },
          sk: { S: hostname },
          Owner: { S: owner },
          Type: { S: type },
          ValidateTime: { S: TIME },
          ...extra,
        },
      }),
    );
  }
  return groupId;
}

async function revOf(groupId: string, hostname: string) {
  const out = await table.client.send(
    new GetItemCommand({
      TableName: table.tableName,
      Key: { pk: { S: groupId }, sk: { S: hostname } },
      ConsistentRead: true,
    }),
  );
  return out.Item?.Rev?.N;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  table = await createTestTable('cli-migrate');
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-migrate-'));
  ids.upper = await putExisting(CLUB, 'b', ['ZQ.suns.bz']);
  ids.first = await putExisting(CLUB, 'e', ['me.club.com', 'com.club.me'], {
    GroupID: { S: calculateGroupIdV1(CLUB, 'e', ['me.club.com', 'com.club.me']) },
  });
  ids.versioned = await putExisting(CLUB, 'a', ['zb.snus.suns.bz'], { Rev: { N: '3' } });
  // Problems: a type code symval does not know, an ID of someone else's, a name two owners hold.
  ids.unknown = await putExisting(CLUB, 'x', ['odd.club.example']);
  ids.misfiled = await putExisting(
    CLUB,
    'b',
    ['zq.su.ns.bz'],
    {},
    calculateGroupIdV1(OTHER, 'b', ['zq.su.ns.bz']),
  );
  ids.shared = await putExisting(OTHER, 'b', ['zq.suns.bz'], { Rev: { N: '1' } });
});
afterAll(async () => {
  table?.client.destroy();
  await rm(dir, { recursive: true, force: true });
});

const migrate = (args: string[]) => runSymval(['migrate', ...args], { env: table.env });

describe('symval migrate', () => {
  it('reports every record of an adopted table, writing nothing without --apply', async () => {
    const result = await migrate(['--table', table.tableName, '--json']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      mode: 'dry-run',
      summary: { tableRecords: 7, groups: 6, unreadable: 1, recordsWithProblems: 4 },
      apply: { status: 'dry-run', wouldAdd: 4 },
    });
    const byHost = Object.fromEntries(
      output.records.map((r: { hostname: string; findings: { code: string }[] }) => [
        r.hostname,
        r.findings.map((f) => f.code).sort(),
      ]),
    );
    expect(byHost).toEqual({
      'ZQ.suns.bz': [
        'hostname-not-normal',
        'id-from-stored-bytes',
        'owner-conflict',
        'rev-missing',
      ],
      'me.club.com': ['extra-attributes', 'rev-missing'],
      'com.club.me': ['extra-attributes', 'rev-missing'],
      'zb.snus.suns.bz': [],
      'odd.club.example': ['rev-missing', 'type-unknown'],
      'zq.su.ns.bz': ['id-mismatch', 'rev-missing'],
      'zq.suns.bz': ['owner-conflict'],
    });
    expect(await revOf(ids.upper!, 'ZQ.suns.bz')).toBeUndefined();
    const text = await migrate(['--table', table.tableName]);
    expect(text.stdout).toContain('Dry run');
    expect(text.stdout).toContain(
      'Not written: 4 records without Rev would get Rev 1 (conditionally); pass --apply to write them.',
    );
    expect(text.stdout).toContain('4 records with a problem: kept, see above.');
  });

  it('checks a snapshot against the table: bad entries, missing Revs, what it does not list', async () => {
    const entry = (owner: string, type: string, hostname: string, groupId: string) => ({
      Owner: owner,
      Type: type,
      Hostname: hostname,
      GroupID: groupId,
      ValidateTime: TIME,
    });
    const file = join(dir, 'domains.json');
    await writeFile(
      file,
      JSON.stringify([
        entry(CLUB, 'b', 'ZQ.suns.bz', ids.upper!),
        entry('https://zq.suns.bz', 'flip180', 'zq.suns.bz', ''),
        { ...entry(CLUB, 'a', 'zb.snus.suns.bz', ids.versioned!), Rev: 3 },
      ]),
    );
    const result = await migrate(['--table', table.tableName, '--snapshot', file, '--json']);
    const output = JSON.parse(result.stdout);
    const snapshot = output.records.filter((r: { source: string }) => r.source === 'snapshot');
    expect(
      snapshot.map((r: { index: number; findings: { code: string }[] }) => [
        r.index,
        r.findings.map((f) => f.code),
      ]),
    ).toEqual([
      [0, ['rev-missing', 'hostname-not-normal', 'id-from-stored-bytes']],
      [1, ['type-unknown']],
      [2, []],
    ]);
    const notListed = output.records
      .filter((r: { findings: { code: string }[] }) =>
        r.findings.some((f) => f.code === 'not-in-snapshot'),
      )
      .map((r: { hostname: string }) => r.hostname)
      .sort();
    expect(notListed).toEqual([
      'com.club.me',
      'me.club.com',
      'odd.club.example',
      'zq.su.ns.bz',
      'zq.suns.bz',
    ]);
  });

  it('names the sharded layout as what it checked when one stands beside the whole file', async () => {
    const beside = join(dir, 'with-layout');
    await mkdir(join(beside, 'v1', 'shards'), { recursive: true });
    const whole = join(beside, 'domains.json');
    const record = {
      Owner: CLUB,
      Type: 'a' as const,
      Hostname: 'zb.snus.suns.bz',
      GroupID: ids.versioned!,
    };
    await writeFile(whole, JSON.stringify([{ ...record, ValidateTime: TIME, Rev: 3 }]));
    const shard = {
      owners: [
        {
          id: ownerPageId(CLUB),
          Owner: CLUB,
          groups: [
            {
              GroupID: record.GroupID,
              Type: record.Type,
              hosts: [{ Hostname: record.Hostname, ValidateTime: TIME, Rev: 3 }],
            },
          ],
        },
      ],
    };
    const counts = countOwners(shard.owners);
    await writeFile(join(beside, 'v1', shardFile('s1')), serializeLayoutShard(shard));
    await writeFile(
      join(beside, 'v1', 'index.json'),
      serializeLayoutIndex({
        generation: 1,
        totals: counts,
        directory: { path: 'owners/', digits: 3 },
        wholeFile: '../domains.json',
        level: 1,
        children: [{ file: shardFile('s1'), first: CLUB, ...counts }],
      }),
    );
    const result = await migrate(['--table', table.tableName, '--snapshot', whole, '--json']);
    expect(JSON.parse(result.stdout).snapshot).toBe(join(beside, 'v1', 'index.json'));
  });

  it('with --apply gives Rev 1 to readable items without one, conditionally, and changes nothing else', async () => {
    const result = await migrate(['--table', table.tableName, '--apply', '--json']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.apply).toEqual({ status: 'done', added: 4, versioned: 0, missing: 0 });
    expect(await revOf(ids.upper!, 'ZQ.suns.bz')).toBe('1');
    expect(await revOf(ids.first!, 'me.club.com')).toBe('1');
    expect(await revOf(ids.misfiled!, 'zq.su.ns.bz')).toBe('1');
    expect(await revOf(ids.versioned!, 'zb.snus.suns.bz')).toBe('3');
    // The item the schema refuses is left for an operator: no Rev written, nothing deleted.
    expect(await revOf(ids.unknown!, 'odd.club.example')).toBeUndefined();
    const again = JSON.parse((await migrate(['--table', table.tableName, '--json'])).stdout);
    expect(again.summary.tableRecords).toBe(7);
    expect(again.apply).toEqual({ status: 'dry-run', wouldAdd: 0 });
  });

  it('needs a table', async () => {
    const result = await runSymval(['migrate'], { env: { ...table.env } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('migrate needs the records table, and none is named');
  });
});
