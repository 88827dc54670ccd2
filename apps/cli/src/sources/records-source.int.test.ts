import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateGroupIdV1 } from '@symval/groupid';
import { type LocalDnsServer, startDnsServer } from '@symval/local-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSymval } from '../../test/run-cli.js';

const PALINDROME_OWNER = 'https://example.net';
const PALINDROME_HOST = 'ten.elpmaxe.example.net';
const PALINDROME = calculateGroupIdV1(PALINDROME_OWNER, 'a', [PALINDROME_HOST]);
const MIRROR_OWNER = 'https://me.example.org';
const MIRROR_HOSTS = ['me.example.org', 'org.example.me'];
const MIRROR = calculateGroupIdV1(MIRROR_OWNER, 'e', MIRROR_HOSTS);

// The existing club's published example, in shape: Go's MarshalIndent, no Rev, nanosecond
// times, and one hand-written entry with a type name, an empty GroupID and no time.
const CLUB_SHAPED = JSON.stringify(
  [
    { Owner: PALINDROME_OWNER, Type: 'a', Hostname: PALINDROME_HOST, GroupID: PALINDROME },
    ...MIRROR_HOSTS.map((Hostname) => ({
      Owner: MIRROR_OWNER,
      Type: 'e',
      Hostname,
      GroupID: MIRROR,
    })),
    { Owner: 'https://zq.suns.bz', Type: 'flip180', Hostname: 'zq.suns.bz', GroupID: '' },
  ].map((entry) => ({
    ...entry,
    ValidateTime: entry.GroupID === '' ? '' : '2025-11-01T16:07:20.972821344Z',
  })),
  null,
  2,
);
const REASON = 'must be a symmetry type code a..h, received "flip180"';

let dns: LocalDnsServer;
let dir: string;
let file: string;

beforeAll(async () => {
  dns = await startDnsServer({
    [`_suns.${PALINDROME_HOST}`]: { txt: [PALINDROME] },
    ...Object.fromEntries(MIRROR_HOSTS.map((host) => [`_suns.${host}`, { txt: [MIRROR] }])),
  });
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-club-'));
  file = join(dir, 'domains.json');
  await writeFile(file, CLUB_SHAPED);
});
afterAll(async () => {
  await dns?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a snapshot with one bad entry', () => {
  it('is re-attested for the other groups, the bad entry named in the output', async () => {
    const result = await runSymval([
      'reattest',
      '--snapshot',
      file,
      '--dns-server',
      dns.address,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.source).toEqual({
      kind: 'snapshot',
      location: file,
      format: 'whole-file',
      rejected: [{ index: 3, field: 'Type', reason: REASON }],
    });
    expect(output.summary).toMatchObject({ groups: 2, valid: 2, invalid: 0, indeterminate: 0 });
    expect(output.groups.map((g: { groupId: string }) => g.groupId).sort()).toEqual(
      [PALINDROME, MIRROR].sort(),
    );
  });

  it('names an entry whose only fault is its empty GroupID, and re-attests the others', async () => {
    const entries = JSON.parse(CLUB_SHAPED);
    entries[3] = { ...entries[3], Type: 'b', ValidateTime: '2025-11-01T16:07:20.972821344Z' };
    const emptyId = join(dir, 'empty-group-id.json');
    await writeFile(emptyId, JSON.stringify(entries, null, 2));
    const result = await runSymval([
      'reattest',
      '--snapshot',
      emptyId,
      '--dns-server',
      dns.address,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.source.rejected).toEqual([
      { index: 3, field: 'GroupID', reason: 'must be a non-empty string, received ""' },
    ]);
    expect(output.summary).toMatchObject({ groups: 2, valid: 2, invalid: 0, indeterminate: 0 });
    // The kept entries have no Rev: never versioned, so a refresh is planned, not skipped.
    expect(output.summary.records).toMatchObject({ 'would-update': 3, 'no-rev': 0, conflict: 0 });
  });

  it('is shown without the bad entry, the summary saying which entry was left out', async () => {
    const result = await runSymval(['show', '--snapshot', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `3 records in 2 groups (of 3 read from snapshot ${file}, 1 unreadable entry left out (snapshot record 3: Type ${REASON})).`,
    );
  });

  it('is refused when no entry at all can be read', async () => {
    const bad = join(dir, 'all-bad.json');
    await writeFile(bad, JSON.stringify([{ Owner: 'x', Type: 'flip180' }, { Owner: 'y' }]));
    const result = await runSymval(['show', '--snapshot', bad, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: 'snapshot.invalid',
      message: expect.stringContaining(
        'snapshot record 0: Type must be a symmetry type code a..h, received "flip180" (and 1 more); no entry could be read',
      ),
    });
  });
});
