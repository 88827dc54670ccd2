import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from './records-table.js';
import { runSymval } from './run-cli.js';

const OWNER = 'https://me.example';
const PAIR = ['me.example.com', 'com.example.me'];
const PAIR_ID = calculateGroupIdV1(OWNER, 'e', PAIR);
const FLIP_ID = calculateGroupIdV1(OWNER, 'b', ['zq.suns.bz']);

let dns: LocalDnsServer;
let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('cli-attest-store');
  dns = await startDnsServer({
    '_suns.me.example.com': { txt: [PAIR_ID] },
    '_suns.com.example.me': { txt: [PAIR_ID] },
    // zq.suns.bz has no claim: attesting it is invalid.
  });
});
afterAll(async () => {
  await dns?.stop();
  table?.client.destroy();
});
beforeEach(() => dns.clearQueries());

const attest = (args: string[], env: Record<string, string | undefined> = table.env) =>
  runSymval(['attest', '--dns-server', dns.address, '--timeout', '5000', ...args], { env });

describe('symval attest --store', () => {
  it('writes a valid group to the table, one record per hostname with Rev 1, then Rev 2', async () => {
    const before = Date.now();
    const first = await attest([
      '--store',
      '--table',
      table.tableName,
      '--owner',
      OWNER,
      '--type',
      'e',
      ...PAIR,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Stored 2 records in table ${table.tableName} (Rev + 1 each)`);
    const stored = await table.records.as({ kind: 'public' }).listGroup(PAIR_ID);
    expect(stored.map((r) => [r.hostname, r.owner, r.type, r.rev])).toEqual([
      ['com.example.me', OWNER, 'e', 1],
      ['me.example.com', OWNER, 'e', 1],
    ]);
    expect(stored[0]!.validateTime.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const second = await attest(['--json', '--store', '--owner', OWNER, '--type', 'e', ...PAIR], {
      ...table.env,
      DOMAIN_TABLE_NAME: table.tableName,
    });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).stored).toEqual({
      status: 'updated',
      table: table.tableName,
      groupId: PAIR_ID,
      hostnames: PAIR,
    });
    const revs = (await table.records.as({ kind: 'public' }).listGroup(PAIR_ID)).map((r) => r.rev);
    expect(revs).toEqual([2, 2]);
  });

  it('stores nothing for an invalid group and exits 1', async () => {
    const result = await attest([
      '--json',
      '--store',
      '--table',
      table.tableName,
      '--owner',
      OWNER,
      '--type',
      'b',
      'zq.suns.bz',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).stored).toEqual({
      status: 'not-stored',
      table: table.tableName,
      reason: 'the group is invalid; only a valid group is stored',
    });
    expect(await table.records.as({ kind: 'public' }).listGroup(FLIP_ID)).toEqual([]);
  });

  it('exits 2 before asking DNS when no table is named', async () => {
    const noTable = await attest(['--store', '--owner', OWNER, '--type', 'e', ...PAIR]);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain('attest --store needs the records table, and none is named');
    expect(noTable.stderr).toContain('Pass --table <name> or set DOMAIN_TABLE_NAME');
    expect(dns.queries).toEqual([]);
  });

  it('is a dry run with --table but without --store: it names the table and the flag, writes nothing', async () => {
    const before = await table.all();
    const tableAlone = await attest([
      '--table',
      table.tableName,
      '--owner',
      OWNER,
      '--type',
      'e',
      ...PAIR,
    ]);
    expect(tableAlone.code).toBe(0);
    expect(tableAlone.stdout).toContain(
      `\nDry run: nothing was stored. Pass --store to write these 2 records to table ${table.tableName}.\n`,
    );
    expect(await table.all()).toEqual(before);
    const json = await attest([
      '--table',
      table.tableName,
      '--owner',
      OWNER,
      '--type',
      'e',
      '--json',
      ...PAIR,
    ]);
    expect(JSON.parse(json.stdout).dryRun).toEqual({
      written: false,
      flag: '--store',
      target: { kind: 'table', table: table.tableName },
      wouldWrite: 2,
    });
    expect(JSON.parse(json.stdout).stored).toBeUndefined();
  });

  it('exits 2 naming the table when it does not exist', async () => {
    const result = await attest([
      '--store',
      '--table',
      'no-such-table',
      '--owner',
      OWNER,
      '--type',
      'e',
      ...PAIR,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DynamoDB table "no-such-table" at http://127.0.0.1:');
    expect(result.stderr).toContain('Check --table or DOMAIN_TABLE_NAME');
  });

  it('exits 3 when DynamoDB does not answer, saying where it asked', async () => {
    const result = await attest(
      ['--store', '--table', table.tableName, '--owner', OWNER, '--type', 'e', ...PAIR],
      {
        ...table.env,
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /DynamoDB table "[^"]+" at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/,
    );
  });
});
