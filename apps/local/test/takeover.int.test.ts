// Issue 12's "done when": the existing club's table, in its shapes, taken over. Items written
// before the table had a Rev, hostnames stored as submitted (uppercase, a trailing dot) with
// group IDs made from those bytes, a `d` group, loaded into DynamoDB Local; then the streamer
// rebuilds the snapshot (its state is missing), the daily re-attestation runs against claims
// served by a local DNS server, and `symval migrate` reports and adds the missing Revs.
// Every valid group must be kept and refreshed, nothing that still has its claims deleted, and
// the snapshot (s3rver) must list them all.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { calculateGroupIdV1 } from '@symval/groupid';
import {
  type DynamoDbLocal,
  dynamoDbClientConfig,
  type LocalDnsServer,
  type S3Local,
  type StreamPoller,
  startDnsServer,
  startDynamoDbLocal,
  startS3,
  startStreamPoller,
} from '@symval/local-services';
import { attestationViewer, connectRecords, recordsTableInput } from '@symval/records';
import { readSnapshot } from '@symval/records/snapshot';
import type { Context, DynamoDBBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaContext } from '../src/lambda/context.js';
import { FUNCTION_FILES, type LocalHandler } from '../src/lambda/functions.js';
import { scheduledEvent } from '../src/reattest/scheduled-event.js';
import {
  applyEnvironment,
  handlerEnvironment,
  LOCAL_BUCKET,
  LOCAL_TABLE,
  SNAPSHOT_KEY,
} from '../src/stack/environment.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'apps/cli/bin/symval.js');

const CLUB = 'https://suns.bz';
const MICAH = 'https://me.micahrl.com';
const STORED_TIME = '2025-11-01T16:07:20.972821344Z';
// DynamoDB Local keeps one database per access key: the handlers use s3rver's (handlerEnvironment).
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A group as the existing club stored it (its Go DTO: pk, sk, Owner, Type, ValidateTime, and no
 * Rev before it had one): hostnames exactly as submitted, the ID made from them.
 */
interface ExistingGroup {
  name: string;
  owner: string;
  type: string;
  hostnames: string[];
  groupId: string;
  /** The `_suns` answer: the stored ID, none (the member removed it), or a DNS failure. */
  claims: 'published' | 'removed' | 'servfail';
}

function existing(
  name: string,
  owner: string,
  type: string,
  hostnames: string[],
  claims: ExistingGroup['claims'],
): ExistingGroup {
  const groupId = calculateGroupIdV1(owner, type, hostnames);
  return { name, owner, type, hostnames, groupId, claims };
}

const GROUPS = [
  existing('uppercase flip180', CLUB, 'b', ['ZQ.suns.bz'], 'published'),
  existing('trailing-dot palindrome', CLUB, 'a', ['zb.snus.suns.bz.'], 'published'),
  existing('doubleflip180', CLUB, 'd', ['duq.xodbox.pub'], 'published'),
  existing('mirrored pair', MICAH, 'e', ['Me.Micahrl.COM', 'com.micahrl.me'], 'published'),
  existing('claims removed', MICAH, 'a', ['moc.abba.com'], 'removed'),
  existing('DNS failing', CLUB, 'a', ['moc.xx.com'], 'servfail'),
] as const;
const byName = (name: string) => GROUPS.find((group) => group.name === name)!;
const VALID = GROUPS.filter((group) => group.claims === 'published');
const REMOVED = byName('claims removed');
const FAILING = byName('DNS failing');

// The trigger of the streamer's first batch: a member joining after the takeover.
const JOINER = {
  owner: 'https://joiner.example',
  type: 'a' as const,
  hostname: 'zz.joiner.renioj.zz',
};
const JOINER_ID = calculateGroupIdV1(JOINER.owner, JOINER.type, [JOINER.hostname]);

/** The normal form the resolver looks up (`_suns.` + lowercase, no trailing dot). */
const claimName = (hostname: string) => `_suns.${hostname.toLowerCase().replace(/\.$/, '')}`;

let dynamo: DynamoDbLocal;
let s3Local: S3Local;
let dns: LocalDnsServer;
let client: DynamoDBClient;
let s3: S3Client;
let poller: StreamPoller;
let env: Record<string, string | undefined>;
let savedEnv: Record<string, string | undefined>;
let reattest: LocalHandler;
/** What the streamer did on each batch: whether the builder state was there when it started. */
const streamerBatches: { stateExisted: boolean; records: number }[] = [];

interface TableItem {
  groupId: string;
  hostname: string;
  rev: string | undefined;
  validateTime: string;
}

async function scanTable(): Promise<TableItem[]> {
  const out = await client.send(new ScanCommand({ TableName: LOCAL_TABLE, ConsistentRead: true }));
  return (out.Items ?? [])
    .map((item) => ({
      groupId: item.pk!.S!,
      hostname: item.sk!.S!,
      rev: item.Rev?.N,
      validateTime: item.ValidateTime!.S!,
    }))
    .sort((a, b) => `${a.groupId} ${a.hostname}`.localeCompare(`${b.groupId} ${b.hostname}`));
}

async function readObject(key: string): Promise<string | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }));
    return await out.Body!.transformToString();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** The published snapshot as `groupId hostname rev validateTime` lines, sorted like the table. */
async function snapshotLines(): Promise<string[]> {
  const text = await readObject(SNAPSHOT_KEY);
  if (text === undefined) return [];
  const read = readSnapshot(text);
  expect(read.rejected).toEqual([]);
  return read.records
    .map(
      (r) => `${r.GroupID} ${r.Hostname} ${r.Rev || '-'} ${new Date(r.ValidateTime).toISOString()}`,
    )
    .sort();
}

const tableLines = (items: TableItem[]) =>
  items
    .map(
      (i) => `${i.groupId} ${i.hostname} ${i.rev ?? '-'} ${new Date(i.validateTime).toISOString()}`,
    )
    .sort();

async function migrate(args: string[]): Promise<{ code: number; output: MigrateOutput }> {
  const result = await run(process.execPath, [CLI, 'migrate', '--json', ...args], {
    env: { PATH: process.env.PATH, ...env },
    cwd: ROOT,
  }).then(
    (done) => ({ code: 0, stdout: done.stdout }),
    (failed: { code?: number; stdout?: string }) => ({
      code: failed.code ?? -1,
      stdout: failed.stdout ?? '',
    }),
  );
  return { code: result.code, output: JSON.parse(result.stdout) as MigrateOutput };
}

interface MigrateOutput {
  mode: string;
  summary: { tableRecords: number; unreadable: number; recordsWithProblems: number };
  apply: Record<string, unknown>;
  records: {
    source: string;
    hostname: string;
    findings: { code: string; severity: string }[];
  }[];
}

async function importHandler(name: 'streamer' | 'reattestbatch'): Promise<LocalHandler> {
  const { packageName, file } = FUNCTION_FILES[name];
  const packageDir = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  const loaded = (await import(pathToFileURL(join(packageDir, file)).href)) as {
    handler: LocalHandler;
  };
  return loaded.handler;
}

beforeAll(async () => {
  // `symval migrate` runs as people run it, from the CLI's bin. The CLI is not a dependency of
  // this package (it depends on this one for its local-stack tests), so build it here.
  await run(
    'pnpm',
    ['turbo', 'run', 'build', '--filter=@symval/cli...', '--output-logs=errors-only'],
    {
      cwd: ROOT,
    },
  );
  [dynamo, s3Local] = await Promise.all([
    startDynamoDbLocal(),
    startS3({ buckets: [LOCAL_BUCKET] }),
  ]);
  dns = await startDnsServer(
    Object.fromEntries([
      ...GROUPS.flatMap((group) =>
        group.hostnames.map((hostname) => [
          claimName(hostname),
          group.claims === 'published'
            ? { txt: [group.groupId] }
            : group.claims === 'servfail'
              ? { behaviour: 'servfail' as const }
              : {},
        ]),
      ),
      [claimName(JOINER.hostname), { txt: [JOINER_ID] }],
    ]),
  );
  env = handlerEnvironment(
    { DNS_SERVERS: dns.address },
    { dynamodb: dynamo.endpoint, s3: s3Local.endpoint },
  );
  savedEnv = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  applyEnvironment(env);
  client = new DynamoDBClient({
    ...dynamoDbClientConfig(dynamo),
    credentials: CREDENTIALS,
  });
  s3 = new S3Client(s3Local.clientConfig);
  await client.send(new CreateTableCommand(recordsTableInput({ tableName: LOCAL_TABLE })));
  for (const group of GROUPS) {
    for (const hostname of group.hostnames) {
      const item: Record<string, AttributeValue> = {
        pk: { S: group.groupId },
        sk: { S: hostname },
        Owner: { S: group.owner },
        Type: { S: group.type },
        ValidateTime: { S: STORED_TIME },
      };
      await client.send(new PutItemCommand({ TableName: LOCAL_TABLE, Item: item }));
    }
  }
  const streamer = await importHandler('streamer');
  reattest = await importHandler('reattestbatch');
  // LATEST: the existing items were written long before the stream was read (as an adopted
  // table's are), so the streamer first hears of the table on the next change.
  poller = await startStreamPoller({
    clientConfig: { ...dynamoDbClientConfig(dynamo), credentials: CREDENTIALS },
    tableName: LOCAL_TABLE,
    startingPosition: 'LATEST',
    functionName: 'streamer',
    handler: async (event, context: Context) => {
      // The sharded builder's state root (the whole-file state is only migrated from).
      const stateRoot = `${env.SNAPSHOT_STATE_PREFIX ?? 'state/v2/'}root.json`;
      const stateExisted = (await readObject(stateRoot)) !== undefined;
      streamerBatches.push({ stateExisted, records: event.Records.length });
      return (await streamer(event, context)) as DynamoDBBatchResponse | undefined;
    },
  });
});

afterAll(async () => {
  await poller?.stop();
  client?.destroy();
  s3?.destroy();
  await Promise.all([dns?.stop(), s3Local?.stop(), dynamo?.stop()]);
  if (savedEnv) applyEnvironment(savedEnv);
});

describe("taking over the existing club's table", () => {
  let beforeReattest: TableItem[];

  it('the streamer, finding no state, rebuilds the snapshot from the whole table on its first batch', async () => {
    expect(await snapshotLines()).toEqual([]);
    // A member joins after the takeover: the first change the stream carries.
    const joined = await connectRecords(client, { tableName: LOCAL_TABLE })
      .as(
        attestationViewer({
          status: 'valid',
          records: [{ ...JOINER, groupId: JOINER_ID, validateTime: new Date(STORED_TIME) }],
        }),
      )
      .upsertAttested([{ ...JOINER, groupId: JOINER_ID, validateTime: new Date(STORED_TIME) }]);
    expect(joined.status).toBe('updated');
    await poller.waitForIdle();
    expect(streamerBatches[0]).toEqual({ stateExisted: false, records: 1 });
    beforeReattest = await scanTable();
    expect(beforeReattest).toHaveLength(8);
    // Every item, the ones without Rev and hostnames as stored included, in the snapshot.
    expect(await snapshotLines()).toEqual(tableLines(beforeReattest));
    const hostnames = (await snapshotLines()).map((line) => line.split(' ')[1]);
    expect(hostnames).toEqual(
      expect.arrayContaining(['ZQ.suns.bz', 'zb.snus.suns.bz.', 'Me.Micahrl.COM']),
    );
  });

  it('the daily re-attestation refreshes every valid group as stored and deletes only the one without claims', async () => {
    const started = new Date();
    const summary = (await reattest(
      scheduledEvent(),
      createLambdaContext({
        functionName: 'reattestbatch',
        timeoutMs: FUNCTION_FILES.reattestbatch.timeoutMs,
      }),
    )) as Record<string, number>;
    expect(summary).toMatchObject({
      groups: 7,
      valid: 5,
      invalid: 1,
      indeterminate: 1,
      updated: 6,
      deleted: 1,
      errors: 0,
    });
    const after = await scanTable();
    const find = (groupId: string, hostname: string) =>
      after.find((item) => item.groupId === groupId && item.hostname === hostname);
    for (const group of VALID) {
      for (const hostname of group.hostnames) {
        const item = find(group.groupId, hostname);
        // Kept under its stored ID and hostname bytes, never versioned before: now Rev 1.
        expect({ name: group.name, rev: item?.rev }).toEqual({ name: group.name, rev: '1' });
        expect(Date.parse(item!.validateTime)).toBeGreaterThanOrEqual(started.getTime() - 1000);
      }
    }
    expect(find(JOINER_ID, JOINER.hostname)?.rev).toBe('2');
    // DNS could not say: kept exactly as it was, still without Rev.
    expect(find(FAILING.groupId, FAILING.hostnames[0]!)).toEqual({
      groupId: FAILING.groupId,
      hostname: FAILING.hostnames[0]!,
      rev: undefined,
      validateTime: STORED_TIME,
    });
    // Only the group whose claims were removed (and past the grace period) is gone.
    expect(find(REMOVED.groupId, REMOVED.hostnames[0]!)).toBeUndefined();
    expect(after).toHaveLength(beforeReattest.length - 1);
    await poller.waitForIdle();
    expect(streamerBatches.slice(1).every((batch) => batch.stateExisted)).toBe(true);
    expect(await snapshotLines()).toEqual(tableLines(after));
  });

  it('symval migrate reports every record readable, and --apply adds only the missing Rev', async () => {
    const snapshot = `s3://${LOCAL_BUCKET}/${SNAPSHOT_KEY}`;
    const dry = await migrate(['--table', LOCAL_TABLE, '--snapshot', snapshot]);
    expect(dry.code).toBe(0);
    expect(dry.output).toMatchObject({
      mode: 'dry-run',
      summary: { tableRecords: 7, unreadable: 0, recordsWithProblems: 0 },
      apply: { status: 'dry-run', wouldAdd: 1 },
    });
    const codes = (source: string, hostname: string) =>
      dry.output.records
        .find((r) => r.source === source && r.hostname === hostname)
        ?.findings.map((f) => f.code)
        .sort();
    expect(codes('table', 'ZQ.suns.bz')).toEqual(['hostname-not-normal', 'id-from-stored-bytes']);
    expect(codes('table', 'zb.snus.suns.bz.')).toEqual([
      'hostname-not-normal',
      'id-from-stored-bytes',
    ]);
    expect(codes('table', 'Me.Micahrl.COM')).toEqual([
      'hostname-not-normal',
      'id-from-stored-bytes',
    ]);
    expect(codes('table', 'com.micahrl.me')).toEqual(['id-from-stored-bytes']);
    expect(codes('table', 'duq.xodbox.pub')).toEqual([]);
    expect(codes('table', FAILING.hostnames[0]!)).toEqual(['rev-missing']);
    // The table and the snapshot list the same records.
    expect(
      dry.output.records.flatMap((r) => r.findings).filter((f) => f.code.startsWith('not-in-')),
    ).toEqual([]);

    const before = await scanTable();
    const applied = await migrate(['--table', LOCAL_TABLE, '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.output.apply).toEqual({ status: 'done', added: 1, versioned: 0, missing: 0 });
    const after = await scanTable();
    // Nothing deleted or renamed; only the item without Rev changed, and only its Rev.
    expect(after.map((i) => [i.groupId, i.hostname])).toEqual(
      before.map((i) => [i.groupId, i.hostname]),
    );
    expect(after.filter((i, index) => i.rev !== before[index]!.rev)).toEqual([
      {
        groupId: FAILING.groupId,
        hostname: FAILING.hostnames[0]!,
        rev: '1',
        validateTime: STORED_TIME,
      },
    ]);
    await poller.waitForIdle();
    expect(await snapshotLines()).toEqual(tableLines(after));
    const again = await migrate(['--table', LOCAL_TABLE, '--snapshot', snapshot]);
    expect(again.output.apply).toEqual({ status: 'dry-run', wouldAdd: 0 });
  });
});
