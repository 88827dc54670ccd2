import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateGroupIdV1 } from '@symval/groupid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from './records-table.js';
import { runSymval } from './run-cli.js';

const ADA = 'https://ada.example';
const BOB = 'https://bob.example';
// A record stored under the ID of another owner's group: recomputing gives another ID.
const FORGED_ID = calculateGroupIdV1('https://someone.else', 'a', ['zb.snus.suns.bz']);

let table: TestTable;
let dir: string;
let goodId: string;
let asymmetricId: string;

beforeAll(async () => {
  table = await createTestTable('cli-revalidate');
  goodId = await table.seed(ADA, 'b', ['zq.suns.bz']);
  asymmetricId = await table.seed(BOB, 'a', ['not.a.palindrome.example']);
  await table.putRaw({
    pk: FORGED_ID,
    sk: 'zb.snus.suns.bz',
    owner: ADA,
    type: 'a',
    time: new Date('2025-10-01T00:00:00Z'),
    rev: 3,
  });
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-revalidate-'));
});
afterAll(async () => {
  table?.client.destroy();
  await rm(dir, { recursive: true, force: true });
});

const revalidate = (args: string[]) => runSymval(['revalidate', ...args], { env: table.env });

describe('symval revalidate', () => {
  it('finds the record whose group ID does not match and the group without its symmetry', async () => {
    const result = await revalidate(['--table', table.tableName, '--json']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      checked: { groups: 3, records: 3 },
      invalidGroups: 2,
      drop: { status: 'not-asked' },
    });
    const problems = Object.fromEntries(
      output.groups.map((g: { groupId: string; problems: { code: string }[] }) => [
        g.groupId,
        g.problems.map((p) => p.code),
      ]),
    );
    expect(problems).toEqual({ [FORGED_ID]: ['id-mismatch'], [asymmetricId]: ['symmetry-failed'] });
    const text = await revalidate(['--table', table.tableName]);
    expect(text.stdout).toContain(`invalid  ${FORGED_ID}`);
    expect(text.stdout).toContain(
      `  - id-mismatch: the stored group ID is not the one its records give: owner, type a and zb.snus.suns.bz make ${calculateGroupIdV1(ADA, 'a', ['zb.snus.suns.bz'])}`,
    );
    expect(text.stdout).toContain(
      `Not deleted (dry run): 2 records; pass --drop to delete them from table ${table.tableName}, each conditional on its Rev.`,
    );
  });

  it('refuses --drop without --yes when there is no terminal to ask on, and deletes nothing', async () => {
    const result = await revalidate(['--table', table.tableName, '--drop']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no terminal to confirm on');
    expect(result.stderr).toContain('pass --yes');
    expect((await table.all()).length).toBe(3);
  });

  it('with --drop --yes deletes the invalid groups with Rev conditions and keeps the sound one', async () => {
    const result = await revalidate(['--table', table.tableName, '--drop', '--yes', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).drop).toEqual({ status: 'done', deleted: 2, skipped: 0 });
    expect((await table.all()).map((r) => r.groupId)).toEqual([goodId]);
    const again = await revalidate(['--table', table.tableName]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      `1 group (1 record) checked from table ${table.tableName}: all sound.\n`,
    );
  });

  it('checks a snapshot file offline: owners that disagree, while a hostname stored as submitted is no problem', async () => {
    const id = calculateGroupIdV1(ADA, 'e', ['me.example.com', 'com.example.me']);
    const entry = (owner: string, hostname: string) => ({
      Owner: owner,
      Type: 'e',
      Hostname: hostname,
      GroupID: id,
      ValidateTime: '2025-10-01T00:00:00Z',
      Rev: 1,
    });
    const file = join(dir, 'mixed.json');
    await writeFile(
      file,
      JSON.stringify([entry(ADA, 'me.example.com'), entry(BOB, 'Com.Example.Me')]),
    );
    const result = await revalidate(['--snapshot', file, '--json']);
    expect(result.code).toBe(1);
    const codes = JSON.parse(result.stdout).groups[0].problems.map((p: { code: string }) => p.code);
    // The first record by hostname ("Com…" sorts first) is Bob's, and his owner does not make
    // the ID. "Com.Example.Me" itself is no problem: its normal form made the ID (issue 12).
    expect(codes).toEqual(['mixed-owner', 'id-mismatch']);
  });
});
