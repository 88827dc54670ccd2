import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { calculateGroupIdV1 } from '@symval/groupid';
import { createS3Store, createShardedBuilder } from '@symval/snapshot-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BatchHarness,
  OWNER,
  palindromeGroup,
  startBatchHarness,
  type TestGroup,
} from '../../test/support/batch-harness.js';
import { createMemoryLogger } from '../observability/logger.js';
import { runReattestBatch } from '../run/run-batch.js';
import { loadBatchRecords } from './load-records.js';

const T0 = new Date('2026-11-20T03:17:00.000Z');
const NOW = new Date('2026-11-21T03:17:00.000Z');

const palindrome = palindromeGroup(1);
const mirrorNames = ['me.example.org', 'org.example.me'];
const mirror: TestGroup = {
  groupId: calculateGroupIdV1(OWNER, 'e', mirrorNames),
  type: 'e',
  hostnames: mirrorNames,
};

/**
 * A snapshot in the existing club's shape (Go's MarshalIndent, nanosecond times) for the two
 * stored groups, with the Revs the table holds, and the hand-written entry of the club's
 * published example: a type name, an empty GroupID and no time.
 */
function clubShapedSnapshot(): string {
  const entry = (group: TestGroup, hostname: string) => ({
    Owner: OWNER,
    Type: group.type,
    Hostname: hostname,
    GroupID: group.groupId,
    ValidateTime: '2026-11-20T03:17:00.000000001Z',
    Rev: 1,
  });
  return JSON.stringify(
    [
      entry(palindrome, palindrome.hostnames[0]!),
      ...mirror.hostnames.map((hostname) => entry(mirror, hostname)),
      {
        Owner: 'https://zq.suns.bz',
        Type: 'flip180',
        Hostname: 'zq.suns.bz',
        GroupID: '',
        ValidateTime: '',
      },
    ],
    null,
    2,
  );
}

let h: BatchHarness;
beforeAll(async () => {
  h = await startBatchHarness();
  await h.store(palindrome, T0);
  await h.store(mirror, T0);
  h.claim(palindrome, mirror);
  // No builder state: the snapshot is all there is, as on a fresh stage fed a copied file.
  await h.s3.send(
    new PutObjectCommand({
      Bucket: h.source.bucket,
      Key: h.source.key,
      Body: clubShapedSnapshot(),
    }),
  );
});
afterAll(() => h.stop());

describe('a snapshot with one bad entry', () => {
  it('reads the good entries and names the bad one by index, field and reason', async () => {
    const loaded = await loadBatchRecords(h.s3, h.source);
    expect(loaded.foundState).toBe(false);
    expect(loaded.snapshotError).toBeUndefined();
    expect(loaded.records.map((r) => [r.hostname, r.rev]).sort()).toEqual([
      [palindrome.hostnames[0], 1],
      ['me.example.org', 1],
      ['org.example.me', 1],
    ]);
    expect(loaded.rejected).toEqual([
      {
        index: 3,
        field: 'Type',
        reason: 'must be a symmetry type code a..h, received "flip180"',
        message: 'snapshot record 3: Type must be a symmetry type code a..h, received "flip180"',
      },
    ]);
  });

  it('re-attests the other groups and refreshes them in the table', async () => {
    const summary = await runReattestBatch({
      s3: h.s3,
      source: h.source,
      records: h.records,
      // Every claim here answers: a long timeout, so a busy machine is not a DNS failure.
      resolver: createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 30_000, tries: 1 }),
      now: () => NOW,
      logger: createMemoryLogger(),
    });
    expect(summary).toMatchObject({ groups: 2, valid: 2, updated: 3, skipped: 0, errors: 0 });
    const table = await h.table();
    for (const hostname of [palindrome.hostnames[0]!, ...mirrorNames]) {
      expect(table[hostname]).toEqual({ rev: 2, validateTime: NOW.toISOString() });
    }
  });

  it('still fails without a state when no entry at all can be read', async () => {
    const own = await startBatchHarness();
    try {
      await own.s3.send(
        new PutObjectCommand({
          Bucket: own.source.bucket,
          Key: own.source.key,
          Body: '[{"Owner":"https://zq.suns.bz","Type":"flip180","GroupID":""}]',
        }),
      );
      await expect(loadBatchRecords(own.s3, own.source)).rejects.toMatchObject({
        code: 'snapshot.invalid',
        index: 0,
        field: 'Type',
      });
    } finally {
      await own.stop();
    }
  });
});

describe("a snapshot in the existing club's shape: no Rev, one entry with an empty GroupID", () => {
  it('reports that entry by index, field and reason, and re-attests the others as never versioned', async () => {
    const own = await startBatchHarness();
    try {
      const time = '2025-11-01T16:07:20.972821344Z';
      const stored = [
        { group: palindrome, hostname: palindrome.hostnames[0]! },
        ...mirror.hostnames.map((hostname) => ({ group: mirror, hostname })),
      ];
      // The table as the existing club's writer left it: no Rev on any item.
      for (const { group, hostname } of stored) {
        await own.client.send(
          new PutItemCommand({
            TableName: own.tableName,
            Item: {
              pk: { S: group.groupId },
              sk: { S: hostname },
              Owner: { S: OWNER },
              Type: { S: group.type },
              ValidateTime: { S: time },
            },
          }),
        );
      }
      const entries = [
        ...stored.map(({ group, hostname }) => ({
          Owner: OWNER,
          Type: group.type,
          Hostname: hostname,
          GroupID: group.groupId,
          ValidateTime: time,
        })),
        {
          Owner: 'https://zq.suns.bz',
          Type: 'b',
          Hostname: 'zq.suns.bz',
          GroupID: '',
          ValidateTime: time,
        },
      ];
      await own.s3.send(
        new PutObjectCommand({
          Bucket: own.source.bucket,
          Key: own.source.key,
          Body: JSON.stringify(entries, null, 2),
        }),
      );
      own.claim(palindrome, mirror);
      const loaded = await loadBatchRecords(own.s3, own.source);
      expect(loaded.rejected).toEqual([
        {
          index: 3,
          field: 'GroupID',
          reason: 'must be a non-empty string, received ""',
          message: 'snapshot record 3: GroupID must be a non-empty string, received ""',
        },
      ]);
      expect(loaded.records.map((r) => r.hostname).sort()).toEqual(
        stored.map((s) => s.hostname).sort(),
      );
      const summary = await runReattestBatch({
        s3: own.s3,
        source: own.source,
        records: own.records,
        resolver: createDnsClaimResolver({
          servers: [own.dns.address],
          timeoutMs: 30_000,
          tries: 1,
        }),
        now: () => NOW,
        logger: createMemoryLogger(),
      });
      expect(summary).toMatchObject({ groups: 2, valid: 2, updated: 3, skipped: 0, deleted: 0 });
      const table = await own.table();
      for (const { hostname } of stored) {
        expect(table[hostname]).toEqual({ rev: 1, validateTime: NOW.toISOString() });
      }
    } finally {
      await own.stop();
    }
  });
});

describe('the sharded layout', () => {
  it('is read instead of the whole file when its index is there, and the whole file is the fallback', async () => {
    const own = await startBatchHarness();
    try {
      await own.store(palindrome, T0);
      await own.store(mirror, T0);
      // The whole file is stale (the throttled publish is still to come): it holds one record.
      const stale = JSON.parse(clubShapedSnapshot()).slice(0, 1);
      await own.s3.send(
        new PutObjectCommand({
          Bucket: own.source.bucket,
          Key: own.source.key,
          Body: JSON.stringify(stale),
        }),
      );
      expect(await loadBatchRecords(own.s3, own.source)).toMatchObject({
        snapshotSource: 'whole-file',
        records: [expect.objectContaining({ hostname: palindrome.hostnames[0] })],
      });
      // The sharded builder publishes the layout from the table (its own folders).
      const builder = createShardedBuilder({
        store: createS3Store(own.s3, own.source.bucket),
        indexKey: own.source.indexKey!,
        statePrefix: 'state/v2/',
        wholeKey: 'records/other-domains.json',
      });
      await builder.rebuild(own.records.asSystem('snapshot-rebuild').listAll());
      const loaded = await loadBatchRecords(own.s3, own.source);
      expect(loaded.snapshotSource).toBe('layout');
      expect(loaded.records.map((r) => [r.hostname, r.rev]).sort()).toEqual([
        [palindrome.hostnames[0], 1],
        ['me.example.org', 1],
        ['org.example.me', 1],
      ]);
    } finally {
      await own.stop();
    }
  });
});
