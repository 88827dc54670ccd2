import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { calculateGroupIdV1 } from '@symval/groupid';
import { findFreePort, type S3Local, startS3 } from '@symval/local-services';
import { type SnapshotRecord, serializeSnapshot } from '@symval/records';
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

const ADA = 'https://ada.example';
const BOB = 'https://bob.example';
const PAIR = ['me.example.com', 'com.example.me'];

function entries(
  owner: string,
  type: SnapshotRecord['Type'],
  hostnames: string[],
  time: string,
  rev: number,
) {
  const GroupID = calculateGroupIdV1(owner, type, hostnames);
  return hostnames.map((Hostname) => ({
    Owner: owner,
    Type: type,
    Hostname,
    GroupID,
    ValidateTime: time,
    Rev: rev,
  }));
}

const SNAPSHOT: SnapshotRecord[] = [
  ...entries(BOB, 'b', ['zq.suns.bz'], '2025-10-03T00:00:00Z', 4),
  ...entries(ADA, 'e', PAIR, '2025-10-01T00:00:00Z', 1),
  ...entries(ADA, 'a', ['abba.example'], '2025-10-02T12:00:00Z', 2),
];
const ADA_PAIR_ID = calculateGroupIdV1(ADA, 'e', PAIR);

let dir: string;
let file: string;
let table: TestTable;
let s3: S3Local;
let http: Server;
let httpUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'symval-cli-show-'));
  file = join(dir, 'domains.json');
  await writeFile(file, serializeSnapshot(SNAPSHOT));
  table = await createTestTable('cli-show');
  await table.seed(ADA, 'e', PAIR, new Date('2025-11-01T00:00:00Z'));
  await table.seed(ADA, 'a', ['abba.example'], new Date('2025-11-03T00:00:00Z'));
  await table.seed(BOB, 'b', ['zq.suns.bz'], new Date('2025-11-02T00:00:00Z'));
  s3 = await startS3({ buckets: [] });
  const s3Client = new S3Client(s3.clientConfig);
  await s3Client.send(new CreateBucketCommand({ Bucket: 'site' }));
  await s3Client.send(
    new PutObjectCommand({
      Bucket: 'site',
      Key: 'records/domains.json',
      Body: serializeSnapshot(SNAPSHOT),
    }),
  );
  // Under mirror/: a whole file of all four records and, beside it, a sharded layout holding
  // only Bob's (as when the throttled whole file lags behind), to tell which one was read.
  await s3Client.send(
    new PutObjectCommand({
      Bucket: 'site',
      Key: 'mirror/domains.json',
      Body: serializeSnapshot(SNAPSHOT),
    }),
  );
  const bob = SNAPSHOT[0]!;
  const shard = {
    owners: [
      {
        id: ownerPageId(BOB),
        Owner: BOB,
        groups: [
          {
            GroupID: bob.GroupID,
            Type: bob.Type,
            hosts: [{ Hostname: bob.Hostname, ValidateTime: bob.ValidateTime, Rev: bob.Rev! }],
          },
        ],
      },
    ],
  };
  const counts = countOwners(shard.owners);
  await s3Client.send(
    new PutObjectCommand({
      Bucket: 'site',
      Key: `mirror/v1/${shardFile('s1')}`,
      Body: serializeLayoutShard(shard),
    }),
  );
  await s3Client.send(
    new PutObjectCommand({
      Bucket: 'site',
      Key: 'mirror/v1/index.json',
      Body: serializeLayoutIndex({
        generation: 1,
        totals: counts,
        directory: { path: 'owners/', digits: 3 },
        wholeFile: '../domains.json',
        level: 1,
        children: [{ file: shardFile('s1'), first: BOB, ...counts }],
      }),
    }),
  );
  s3Client.destroy();
  http = createServer((request, response) => {
    if (request.url === '/records/domains.json') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(serializeSnapshot(SNAPSHOT));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  table?.client.destroy();
  await s3?.stop();
  await new Promise((resolve) => http?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const show = (args: string[], env: Record<string, string> = {}) =>
  runSymval(['show', ...args], { env });

describe('symval show from a snapshot file', () => {
  it('prints a table sorted by owner, then group ID and hostname, with a summary', async () => {
    const result = await show(['--snapshot', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Owner +Type +Hostname +Validated +Rev +Group ID$/);
    const hostnames = lines.slice(1, 5).map((line) => line.split(/ {2,}/)[2]);
    // Ada's groups by group ID (v1:a:… before v1:e:…), then Bob's.
    expect(hostnames).toEqual(['abba.example', 'com.example.me', 'me.example.com', 'zq.suns.bz']);
    expect(lines[1]).toMatch(
      /^https:\/\/ada\.example +a palindrome +abba\.example +2025-10-02T12:00:00Z +2 +v1:a:/,
    );
    expect(lines.at(-1)).toBe(`4 records in 3 groups (of 4 read from snapshot ${file}).`);
  });

  it('filters by owner and type, and sorts by validate time, newest first', async () => {
    const result = await show([
      '--snapshot',
      file,
      '--owner',
      ADA,
      '--sort',
      'validated',
      '--desc',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      source: { kind: 'snapshot', location: file },
      filters: { owner: ADA, domain: null, group: null, type: null },
      sort: { by: 'validated', descending: true },
      count: 3,
      groups: 2,
    });
    expect(output.records.map((r: { hostname: string }) => r.hostname)).toEqual([
      'abba.example',
      'com.example.me',
      'me.example.com',
    ]);
    expect(output.records[1]).toEqual({
      owner: ADA,
      type: 'e',
      hostname: 'com.example.me',
      groupId: ADA_PAIR_ID,
      validateTime: '2025-10-01T00:00:00.000Z',
      rev: 1,
    });
    const byType = JSON.parse(
      (await show(['--snapshot', file, '--type', 'flip180', '--json'])).stdout,
    );
    expect(byType.records.map((r: { owner: string }) => r.owner)).toEqual([BOB]);
  });

  it('filters by a domain given in any case and by group ID', async () => {
    const byDomain = JSON.parse(
      (await show(['--snapshot', file, '--domain', 'ME.Example.COM.', '--json'])).stdout,
    );
    expect(byDomain.filters.domain).toBe('me.example.com');
    expect(byDomain.records.map((r: { hostname: string }) => r.hostname)).toEqual([
      'me.example.com',
    ]);
    const byGroup = JSON.parse(
      (await show(['--snapshot', file, '--group', ADA_PAIR_ID, '--sort', 'domain', '--json']))
        .stdout,
    );
    expect(byGroup.records.map((r: { hostname: string }) => r.hostname)).toEqual([
      'com.example.me',
      'me.example.com',
    ]);
  });

  it('exits 1 when nothing matches, and 2 for an unknown sort key or type', async () => {
    const none = await show(['--snapshot', file, '--owner', 'https://nobody.example']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(
      `No records match.\n0 records in 0 groups (of 4 read from snapshot ${file}).\n`,
    );
    const badSort = await show(['--snapshot', file, '--sort', 'size']);
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toContain(
      '--sort takes owner, domain, group, type, validated or validate-time, received "size"',
    );
    expect((await show(['--snapshot', file, '--type', 'zz'])).code).toBe(2);
  });

  it('exits 2 for a missing file and for a file that is not a snapshot, naming the fault', async () => {
    const missing = await show(['--snapshot', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the snapshot file');
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '[{"Owner":"x","Type":"z"}]');
    const invalid = await show(['--snapshot', bad, '--json']);
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stdout).error).toMatchObject({ code: 'snapshot.invalid' });
    expect(JSON.parse(invalid.stdout).error.message).toContain('snapshot record 0');
  });
});

describe('symval show from elsewhere', () => {
  it('reads s3://bucket/key from s3rver, and SNAPSHOT_BUCKET when no --snapshot is given', async () => {
    const env = {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };
    const explicit = await show(['--snapshot', 's3://site/records/domains.json', '--json'], env);
    expect(explicit.code).toBe(0);
    expect(JSON.parse(explicit.stdout)).toMatchObject({
      source: { kind: 'snapshot', location: 's3://site/records/domains.json' },
      count: 4,
    });
    const fromEnv = await show(['--json'], { ...env, SNAPSHOT_BUCKET: 'site' });
    expect(JSON.parse(fromEnv.stdout).count).toBe(4);
    // With a layout beside the whole file, the layout is read and named as the source.
    const layout = await show(['--snapshot', 's3://site/mirror/domains.json', '--json'], env);
    expect(JSON.parse(layout.stdout)).toMatchObject({
      source: {
        kind: 'snapshot',
        location: 's3://site/mirror/v1/index.json',
        format: 'sharded-layout',
      },
      count: 1,
    });
    const layoutText = await show(['--snapshot', 's3://site/mirror/domains.json'], env);
    expect(layoutText.stdout).toContain(
      '(of 1 read from snapshot s3://site/mirror/v1/index.json (sharded layout))',
    );
    const missingKey = await show(['--snapshot', 's3://site/records/other.json'], env);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain('snapshot s3://site/records/other.json');
  });

  it('reads an http(s) URL', async () => {
    const result = await show([
      '--snapshot',
      `${httpUrl}/records/domains.json`,
      '--owner',
      BOB,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).records.map((r: { hostname: string }) => r.hostname)).toEqual([
      'zq.suns.bz',
    ]);
    const notFound = await show(['--snapshot', `${httpUrl}/missing.json`]);
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toContain('answered HTTP 404');
  });

  it('reads the table with --table, by owner through the index, sorted and filtered', async () => {
    const all = await show(
      ['--table', table.tableName, '--sort', 'validated', '--json'],
      table.env,
    );
    expect(all.code).toBe(0);
    const output = JSON.parse(all.stdout);
    expect(output.source).toEqual({ kind: 'table', table: table.tableName });
    expect(
      output.records.map((r: { hostname: string; rev: number }) => `${r.hostname} ${r.rev}`),
    ).toEqual(['com.example.me 1', 'me.example.com 1', 'zq.suns.bz 1', 'abba.example 1']);
    const ada = await show(
      ['--table', table.tableName, '--owner', ADA, '--domain', 'abba.example'],
      table.env,
    );
    expect(ada.code).toBe(0);
    expect(ada.stdout).toMatch(
      /^https:\/\/ada\.example +a palindrome +abba\.example +2025-11-03T00:00:00Z +1 +v1:a:/m,
    );
    expect(ada.stdout).toContain(`1 record in 1 group (of 3 read from table ${table.tableName}).`);
  });

  it('says how to start the local stack when its snapshot is not there', async () => {
    // A base port with nothing on the site's port after it: the stack is not running.
    const base = (await findFreePort()) - 1;
    const result = await show([], { SYMVAL_LOCAL_PORT: String(base) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `cannot fetch the snapshot http://127.0.0.1:${base + 1}/records/domains.json`,
    );
    expect(result.stderr).toContain(
      'start it with pnpm dev, or pass --snapshot, or set SNAPSHOT_BUCKET',
    );
  });
});
