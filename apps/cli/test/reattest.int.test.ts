import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { type DomainRecord, serializeSnapshot, toSnapshotRecord } from '@symval/records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from './records-table.js';
import { runSymval } from './run-cli.js';

const HOUR = 3_600_000;
const ADA = 'https://ada.example';
const BOB = 'https://bob.example';

let dns: LocalDnsServer;
let table: TestTable;
let dir: string;
const ids = { valid: '', pastGrace: '', withinGrace: '', indeterminate: '' };

beforeAll(async () => {
  table = await createTestTable('cli-reattest');
  const now = Date.now();
  ids.valid = await table.seed(ADA, 'b', ['zq.suns.bz'], new Date(now - 240 * HOUR));
  ids.pastGrace = await table.seed(ADA, 'a', ['zb.snus.suns.bz'], new Date(now - 100 * HOUR));
  ids.withinGrace = await table.seed(BOB, 'a', ['moc.abba.com'], new Date(now - HOUR));
  ids.indeterminate = await table.seed(
    BOB,
    'e',
    ['me.example.com', 'com.example.me'],
    new Date(now - 1000 * HOUR),
  );
  dns = await startDnsServer({
    '_suns.zq.suns.bz': { txt: [ids.valid] },
    // zb.snus.suns.bz and moc.abba.com have no claim any more: invalid.
    '_suns.me.example.com': { behaviour: 'servfail' },
    '_suns.com.example.me': { txt: [ids.indeterminate] },
  });
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-reattest-'));
});
afterAll(async () => {
  await dns?.stop();
  table?.client.destroy();
  await rm(dir, { recursive: true, force: true });
});

const reattest = (args: string[], env: Record<string, string> = {}) =>
  runSymval(['reattest', '--dns-server', dns.address, '--timeout', '5000', ...args], {
    env: { ...table.env, ...env },
  });

const summary = (records: DomainRecord[]) =>
  records.map(
    (r) => `${r.groupId.slice(0, 4)} ${r.hostname} rev ${r.rev} ${r.validateTime.toISOString()}`,
  );

describe('symval reattest', () => {
  let before: DomainRecord[];

  it('writes nothing in a dry run, and says what it would do with each group', async () => {
    before = await table.all();
    const result = await reattest(['--table', table.tableName, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      mode: 'dry-run',
      table: null,
      graceHours: 72,
      summary: {
        groups: 4,
        valid: 1,
        invalid: 2,
        indeterminate: 1,
        records: { 'would-update': 1, 'would-delete': 1, kept: 3, updated: 0, deleted: 0 },
      },
    });
    const byId = new Map(output.groups.map((g: { groupId: string }) => [g.groupId, g]));
    expect(byId.get(ids.valid)).toMatchObject({ status: 'valid', action: 'update' });
    expect(byId.get(ids.pastGrace)).toMatchObject({ status: 'invalid', action: 'delete' });
    expect(byId.get(ids.withinGrace)).toMatchObject({ status: 'invalid', action: 'keep' });
    expect(byId.get(ids.indeterminate)).toMatchObject({ status: 'indeterminate', action: 'keep' });
    expect(summary(await table.all())).toEqual(summary(before));
  });

  it('prints the plan for people, with the progress line on stderr', async () => {
    const result = await reattest(['--table', table.tableName]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Dry run: nothing was written\.\n/);
    expect(result.stdout).toMatch(
      new RegExp(
        `\nNot written \\(dry run\\): 1 update and 1 delete; pass --apply to write them to table ${table.tableName}\\.\n$`,
      ),
    );
    expect(result.stdout).toMatch(/^update {2}https:\/\/ada\.example {2}b {2}zq\.suns\.bz$/m);
    expect(result.stdout).toMatch(/^delete {2}https:\/\/ada\.example {2}a {2}zb\.snus\.suns\.bz$/m);
    expect(result.stdout).toContain('invalid within the grace period (deletable after ');
    expect(result.stdout).toContain('moc.abba.com has no claim');
    expect(result.stdout).toContain(
      'indeterminate: a DNS lookup failed; such groups are never deleted',
    );
    expect(result.stdout).toContain(
      'Records: would update 1, would delete 1, would skip 0, keep 3.',
    );
    expect(result.stderr).toMatch(/^reattest: 4\/4 \(100%\) in \d+s\n$/);
  });

  it('with --apply refreshes the valid group, deletes the one past grace, keeps the others', async () => {
    const start = Date.now();
    const result = await reattest([
      '--table',
      table.tableName,
      '--apply',
      '--concurrency',
      '2',
      '--json',
    ]);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.mode).toBe('apply');
    expect(output.table).toBe(table.tableName);
    expect(output.summary.records).toMatchObject({ updated: 1, deleted: 1, kept: 3, conflict: 0 });
    const after = await table.all();
    const valid = after.find((r) => r.groupId === ids.valid)!;
    expect(valid.rev).toBe(2);
    expect(valid.validateTime.getTime()).toBeGreaterThanOrEqual(start - 1000);
    expect(after.some((r) => r.groupId === ids.pastGrace)).toBe(false);
    const kept = before.filter(
      (r) => r.groupId === ids.withinGrace || r.groupId === ids.indeterminate,
    );
    expect(summary(after.filter((r) => r.groupId !== ids.valid))).toEqual(summary(kept));
  });

  it('skips records whose Rev changed since the snapshot, and those the snapshot has no Rev for', async () => {
    // A snapshot taken before the apply above: the valid group's Rev was 1, now 2; the group
    // past grace is gone; Bob's palindrome is written without Rev (the Go format).
    const stale = before
      .map(toSnapshotRecord)
      .map((record) =>
        record.GroupID === ids.withinGrace ? { ...record, Rev: undefined } : record,
      );
    const file = join(dir, 'stale.json');
    await writeFile(file, serializeSnapshot(stale));
    const result = await reattest(['--snapshot', file, '--apply', '--grace-hours', '0'], {
      DOMAIN_TABLE_NAME: table.tableName,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'zq.suns.bz skipped: its Rev changed since it was read (written by someone else)',
    );
    expect(result.stdout).toContain('zb.snus.suns.bz skipped: already gone');
    expect(result.stdout).toContain(
      'moc.abba.com skipped: the source has no Rev for it (a Go-format snapshot), so no conditional write',
    );
    expect(result.stdout).toMatch(/Records: 0 updated, 0 deleted, 3 skipped, 2 kept\./);
    expect(result.stderr).toContain('warning: 1 record to write had no Rev');
    // Nothing changed: every write was refused by its condition or had none to make.
    const after = await table.all();
    expect(after.find((r) => r.groupId === ids.valid)?.rev).toBe(2);
    expect(after.filter((r) => r.groupId === ids.withinGrace)).toHaveLength(1);
    expect(after.filter((r) => r.groupId === ids.indeterminate)).toHaveLength(2);
  });

  it('stops at the first write the table refuses and says which table, without a stack trace', async () => {
    const result = await reattest(
      ['--snapshot', join(dir, 'stale.json'), '--apply', '--grace-hours', '0'],
      { DOMAIN_TABLE_NAME: 'cli-reattest-no-such-table' },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DynamoDB table "cli-reattest-no-such-table"');
    expect(result.stderr).toContain('Check --table or DOMAIN_TABLE_NAME');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for --apply without a table, and for a bad --grace-hours, before asking DNS', async () => {
    dns.clearQueries();
    const noTable = await reattest(['--snapshot', join(dir, 'stale.json'), '--apply']);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain('reattest --apply needs the records table');
    const badGrace = await reattest(['--table', table.tableName, '--grace-hours', '-1']);
    expect(badGrace.code).toBe(2);
    expect(badGrace.stderr).toContain('--grace-hours');
    expect(dns.queries).toEqual([]);
  });
});
