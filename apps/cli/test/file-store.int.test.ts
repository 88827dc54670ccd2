// `--file`: a local JSON records file (the Go CLI's store) for attest, show, reattest and
// revalidate, without any AWS service, dry run until --store / --apply / --drop.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSymval } from './run-cli.js';

const ADA = 'https://ada.example';
const BOB = 'https://bob.example';
const FLIP_ID = calculateGroupIdV1(ADA, 'b', ['zq.suns.bz']);
const PALINDROME_ID = calculateGroupIdV1(BOB, 'a', ['zb.snus.suns.bz']);
// The existing club hashed hostnames as submitted: this group's ID is made from these bytes.
const AS_SUBMITTED = ['ME.example.com.', 'com.example.me'];
const AS_SUBMITTED_ID = calculateGroupIdV1(ADA, 'e', AS_SUBMITTED);
const FORGED_ID = calculateGroupIdV1('https://someone.else', 'a', ['abba.example.abba']);

let dns: LocalDnsServer;
let dir: string;

beforeAll(async () => {
  dns = await startDnsServer({
    '_suns.zq.suns.bz': { txt: [FLIP_ID] },
    // zb.snus.suns.bz lost its claim: Bob's palindrome is invalid now.
  });
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-file-'));
});
afterAll(async () => {
  await dns?.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => dns.clearQueries());

const dnsArgs = () => ['--dns-server', dns.address, '--timeout', '5000'];
const run = (args: string[]) => runSymval(args);

/** A file as the Go CLI's memrepo wrote it: local times with nanoseconds, Rev on each. */
function goFile(): unknown[] {
  return [
    {
      Owner: ADA,
      Type: 'b',
      Hostname: 'zq.suns.bz',
      GroupID: FLIP_ID,
      ValidateTime: '2025-09-01T14:00:00.123456789+02:00',
      Rev: 3,
    },
    {
      Owner: BOB,
      Type: 'a',
      Hostname: 'zb.snus.suns.bz',
      GroupID: PALINDROME_ID,
      ValidateTime: '2025-08-01T00:00:00Z',
      Rev: 1,
    },
    {
      Owner: ADA,
      Type: 'e',
      Hostname: 'ME.example.com.',
      GroupID: AS_SUBMITTED_ID,
      ValidateTime: '2025-09-02T00:00:00Z',
      Rev: 2,
    },
    {
      Owner: ADA,
      Type: 'e',
      Hostname: 'com.example.me',
      GroupID: AS_SUBMITTED_ID,
      ValidateTime: '2025-09-02T00:00:00Z',
      Rev: 2,
    },
    // The existing club's published example has an entry like this one: kept, reported.
    {
      Owner: BOB,
      Type: 'a',
      Hostname: 'broken.example',
      GroupID: '',
      ValidateTime: '2025-09-03T00:00:00Z',
      Rev: 1,
    },
    {
      Owner: 'https://forger.example',
      Type: 'a',
      Hostname: 'abba.example.abba',
      GroupID: FORGED_ID,
      ValidateTime: '2025-09-04T00:00:00Z',
      Rev: 1,
    },
  ];
}

async function writeGoFile(name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${JSON.stringify(goFile(), null, 2)}\n`);
  return path;
}

describe('symval attest --file', () => {
  it('is a dry run without --store: names the file and the flag, creates nothing', async () => {
    const path = join(dir, 'dry', 'records.json');
    const result = await run(['attest', ADA, 'b', 'zq.suns.bz', '--file', path, ...dnsArgs()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `\nDry run: nothing was stored. Pass --store to write this record to file ${path}.\n`,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('with --store creates the file with a valid group, Rev 1, then Rev 2', async () => {
    const path = join(dir, 'new', 'records.json');
    const first = await run([
      'attest',
      ADA,
      'flip180',
      'zq.suns.bz',
      '--store',
      '-f',
      path,
      ...dnsArgs(),
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `\nStored 1 record in file ${path} (Rev + 1 each); the file is new.\n`,
    );
    const second = await run([
      'attest',
      ADA,
      'b',
      'zq.suns.bz',
      '--store',
      '--file',
      path,
      '--json',
      ...dnsArgs(),
    ]);
    expect(JSON.parse(second.stdout).stored).toEqual({
      status: 'updated',
      file: path,
      created: false,
      groupId: FLIP_ID,
      hostnames: ['zq.suns.bz'],
      records: [{ hostname: 'zq.suns.bz', rev: 2 }],
    });
    const stored = JSON.parse(await readFile(path, 'utf8'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      Owner: ADA,
      Type: 'b',
      Hostname: 'zq.suns.bz',
      GroupID: FLIP_ID,
      Rev: 2,
    });
    expect(Object.keys(stored[0])).toEqual([
      'Owner',
      'Type',
      'Hostname',
      'GroupID',
      'ValidateTime',
      'Rev',
    ]);
  });

  it('stores nothing for an invalid group, and refuses --file with --table', async () => {
    const path = join(dir, 'invalid.json');
    const invalid = await run([
      'attest',
      BOB,
      'a',
      'zb.snus.suns.bz',
      '--store',
      '--file',
      path,
      ...dnsArgs(),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain(
      `Not stored in file ${path}: the group is invalid; only a valid group is stored.`,
    );
    expect(existsSync(path)).toBe(false);
    const both = await run([
      'attest',
      ADA,
      'b',
      'zq.suns.bz',
      '--file',
      path,
      '--table',
      'symval-x',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--table and --file name two different stores');
  });
});

describe('symval show --file', () => {
  it('reads a Go CLI file, reports the unreadable entry, and sorts validate-time newest first', async () => {
    const path = await writeGoFile('show.json');
    const result = await run(['show', '--file', path, '--sort', 'validate-time', '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.source).toEqual({
      kind: 'file',
      path,
      rejected: [{ index: 4, field: 'GroupID', reason: 'must be a non-empty string, received ""' }],
    });
    expect(output.sort).toEqual({ by: 'validated', descending: true });
    expect(output.records.map((r: { hostname: string }) => r.hostname)).toEqual([
      'abba.example.abba',
      'ME.example.com.',
      'com.example.me',
      'zq.suns.bz',
      'zb.snus.suns.bz',
    ]);
    expect(output.records[3].validateTime).toBe('2025-09-01T12:00:00.123Z');
    const desc = await run(['show', '--file', path, '--sort', 'validate-time', '--desc']);
    expect(desc.code).toBe(2);
    expect(desc.stderr).toContain('--sort validate-time already sorts the newest first');
  });

  it('prints one block per group with --format detailed, one line per record with compact', async () => {
    const path = await writeGoFile('formats.json');
    const detailed = await run([
      'show',
      '--file',
      path,
      '--format',
      'detailed',
      '--group',
      FLIP_ID,
    ]);
    expect(detailed.code).toBe(0);
    expect(detailed.stdout).toMatch(
      new RegExp(
        `^Group ID  ${FLIP_ID.replace(/[+/]/g, '\\$&')}\\nType      b flip180\\nOwner     https://ada\\.example\\nDomains   1\\n  - zq\\.suns\\.bz  validated 2025-09-01T12:00:00Z \\(\\d+ days ago\\), rev 3\\n\\n`,
      ),
    );
    expect(detailed.stdout).toContain(
      `1 record in 1 group (of 5 read from file ${path}, 1 unreadable entry left out (snapshot record 4: GroupID must be a non-empty string, received "")).`,
    );
    const compact = await run(['show', '-f', path, '--format', 'compact', '--owner', BOB]);
    expect(compact.stdout.split('\n')[0]).toBe(
      'Owner                Type          Hostname         Validated             Rev  Group ID',
    );
    expect(compact.stdout).toContain(
      `https://bob.example  a palindrome  zb.snus.suns.bz  2025-08-01T00:00:00Z  1    ${PALINDROME_ID}`,
    );
    const bad = await run(['show', '--file', path, '--format', 'wide']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format takes compact or detailed, received "wide"');
  });

  it('exits 2 for a file that does not exist, naming how one is made', async () => {
    const result = await run(['show', '--file', join(dir, 'nowhere.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`there is no records file "${join(dir, 'nowhere.json')}"`);
    expect(result.stderr).toContain('symval attest --store --file <path> creates the file');
  });
});

describe('symval reattest --file', () => {
  it('writes nothing in a dry run and ends with what --apply would write where', async () => {
    const path = await writeGoFile('reattest-dry.json');
    const before = await readFile(path, 'utf8');
    const result = await run(['reattest', '--file', path, '--grace-hours', '0', ...dnsArgs()]);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Not written (dry run): 1 update and 4 deletes; pass --apply to write them to file ${path}.`,
    );
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('with --apply refreshes the valid group, deletes the invalid ones past grace, keeps the rest as it was', async () => {
    const path = await writeGoFile('reattest.json');
    const result = await run([
      'reattest',
      '--file',
      path,
      '--apply',
      '--grace-hours',
      '0',
      '--json',
      ...dnsArgs(),
    ]);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ mode: 'apply', file: path, table: null });
    expect(output.summary.records).toMatchObject({
      updated: 1,
      deleted: 4,
      conflict: 0,
      missing: 0,
    });
    const after = JSON.parse(await readFile(path, 'utf8'));
    const original = goFile();
    // The unreadable entry stays, untouched; the valid record is refreshed with Rev + 1.
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ Hostname: 'zq.suns.bz', GroupID: FLIP_ID, Rev: 4 });
    expect(Date.parse(after[0].ValidateTime)).toBeGreaterThan(Date.parse('2025-10-01T00:00:00Z'));
    expect(after[1]).toEqual(original[4]);
  });
});

describe('symval revalidate --file', () => {
  it('keeps a group stored as submitted, finds the forged one, and --drop deletes only that', async () => {
    const path = await writeGoFile('revalidate.json');
    const dry = await run(['revalidate', '--file', path]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`invalid  ${FORGED_ID}`);
    expect(dry.stdout).not.toContain(AS_SUBMITTED_ID);
    expect(dry.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Not deleted (dry run): 1 record; pass --drop to delete them from file ${path}, each conditional on its Rev.`,
    );
    const refused = await run(['revalidate', '--file', path, '--drop', '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--drop and --dry-run contradict each other');
    const dropped = await run(['revalidate', '--file', path, '--drop', '--yes']);
    expect(dropped.code).toBe(1);
    expect(dropped.stdout).toContain(`Dropped from file ${path}: 1 record deleted, 0 skipped.`);
    const original = goFile();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(original.slice(0, 5));
  });
});
