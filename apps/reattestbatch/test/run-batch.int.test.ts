import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../src/observability/logger.js';
import { type ReattestBatchOptions, runReattestBatch } from '../src/run/run-batch.js';
import { type BatchHarness, palindromeGroup, startBatchHarness } from './support/batch-harness.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-11-20T03:17:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let h: BatchHarness;
beforeAll(async () => {
  h = await startBatchHarness();
});
afterAll(() => h.stop());

function options(now: Date, extra: Partial<ReattestBatchOptions> = {}): ReattestBatchOptions {
  return {
    s3: h.s3,
    source: h.source,
    records: h.records,
    resolver: createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 5000, tries: 1 }),
    concurrency: 4,
    now: () => now,
    ...extra,
  };
}

describe('runReattestBatch on DynamoDB Local, s3rver and the DNS server', () => {
  const valid = palindromeGroup(1);
  const brokenFresh = palindromeGroup(2);
  const brokenOld = palindromeGroup(3);
  const servfailOld = palindromeGroup(4);
  const silentOld = palindromeGroup(5);
  const changedOld = palindromeGroup(6);

  it('refreshes valid groups, deletes only what stayed invalid past grace, and counts it all', async () => {
    await h.store(valid, T0);
    await h.store(brokenFresh, at(60));
    await h.store(brokenOld, T0);
    await h.store(servfailOld, T0);
    await h.store(silentOld, T0);
    await h.store(changedOld, T0);
    h.claim(valid);
    h.dns.setRecord(`_suns.${servfailOld.hostnames[0]}`, { behaviour: 'servfail' });
    h.dns.setRecord(`_suns.${silentOld.hostnames[0]}`, { behaviour: 'silent' });
    await h.publish();
    // Re-attested through the API after the snapshot was taken: its Rev moved on.
    await h.store(changedOld, at(70));

    const logger = createMemoryLogger();
    const now = at(100);
    const summary = await runReattestBatch(options(now, { logger }));
    expect(summary).toEqual({
      groups: 6,
      valid: 1,
      invalid: 3,
      indeterminate: 2,
      updated: 1,
      deleted: 1,
      skipped: 1,
      errors: 0,
      durationMs: expect.any(Number),
      reached: 6,
      remaining: 0,
      complete: true,
    });
    const table = await h.table();
    expect(table[valid.hostnames[0]!]).toEqual({ rev: 2, validateTime: now.toISOString() });
    expect(table[brokenFresh.hostnames[0]!]).toEqual({
      rev: 1,
      validateTime: at(60).toISOString(),
    });
    expect(table).not.toHaveProperty(brokenOld.hostnames[0]!);
    expect(table[servfailOld.hostnames[0]!]?.rev).toBe(1);
    expect(table[silentOld.hostnames[0]!]?.rev).toBe(1);
    expect(table[changedOld.hostnames[0]!]).toEqual({ rev: 2, validateTime: at(70).toISOString() });
    expect(
      logger.lines.filter((l) => l.message.startsWith('deleting')).map((l) => l.groupId),
    ).toEqual(expect.arrayContaining([brokenOld.groupId, changedOld.groupId]));
    expect(logger.lines.filter((l) => l.message.startsWith('write skipped'))).toEqual([
      expect.objectContaining({
        groupId: changedOld.groupId,
        action: 'delete',
        snapshotRev: 1,
        currentRev: 2,
      }),
    ]);
  });

  it('stops looking up near the time limit, writes nothing for the groups it did not reach, and the next run takes them first', async () => {
    const groups = [7, 8, 9, 10].map((i) => palindromeGroup(i));
    for (const [i, group] of groups.entries()) await h.store(group, at(-10 + i));
    h.claim(...groups);
    await h.publish();
    const before = await h.table();

    // Time for two lookups, then the remaining time drops under the margin.
    let lookups = 0;
    const inner = createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 5000, tries: 1 });
    const counting = {
      lookup: (domain: string) => {
        lookups++;
        return inner.lookup(domain);
      },
    };
    const logger = createMemoryLogger();
    const first = await runReattestBatch(
      options(at(101), {
        concurrency: 1,
        resolver: counting,
        remainingTimeMs: () => (lookups < 2 ? 600_000 : 1_000),
        logger,
      }),
    );
    expect(first).toMatchObject({ reached: 2, remaining: first.groups - 2, complete: false });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'WARN', reached: 2, remaining: first.groups - 2 }),
    );
    const after = await h.table();
    // Oldest first: groups 7 and 8 (validated at -10 h and -9 h) were refreshed, 9 and 10 not.
    expect(after[groups[0]!.hostnames[0]!]?.rev).toBe(before[groups[0]!.hostnames[0]!]!.rev + 1);
    expect(after[groups[1]!.hostnames[0]!]?.rev).toBe(before[groups[1]!.hostnames[0]!]!.rev + 1);
    expect(after[groups[2]!.hostnames[0]!]).toEqual(before[groups[2]!.hostnames[0]!]);
    expect(after[groups[3]!.hostnames[0]!]).toEqual(before[groups[3]!.hostnames[0]!]);

    await h.publish();
    const second = await runReattestBatch(options(at(102)));
    expect(second.complete).toBe(true);
    const final = await h.table();
    for (const group of groups) {
      expect(final[group.hostnames[0]!]?.validateTime).not.toBe(at(-10).toISOString());
    }
    expect(final[groups[2]!.hostnames[0]!]?.validateTime).toBe(at(102).toISOString());
  });
});

describe('reading the snapshot', () => {
  it('re-attests a snapshot without Rev as never versioned: only items still without Rev are written', async () => {
    const own = await startBatchHarness();
    try {
      const unversioned = palindromeGroup(20);
      const versioned = palindromeGroup(21);
      const entry = (group: typeof unversioned) => ({
        Owner: 'https://me.example',
        Type: 'a',
        Hostname: group.hostnames[0],
        GroupID: group.groupId,
        ValidateTime: '2026-11-20T00:00:00.123456789+02:00',
      });
      // The table as the existing club left it: one item never versioned, one since written
      // with a Rev. The snapshot (its format before Rev) has neither Rev.
      await own.client.send(
        new PutItemCommand({
          TableName: own.tableName,
          Item: {
            pk: { S: unversioned.groupId },
            sk: { S: unversioned.hostnames[0]! },
            Owner: { S: 'https://me.example' },
            Type: { S: 'a' },
            ValidateTime: { S: '2026-11-19T22:00:00.123456789Z' },
          },
        }),
      );
      await own.store(versioned, new Date('2026-11-20T00:00:00Z'));
      await own.s3.send(
        new PutObjectCommand({
          Bucket: own.source.bucket,
          Key: own.source.key,
          Body: JSON.stringify([entry(unversioned), entry(versioned)]),
        }),
      );
      own.claim(unversioned, versioned);
      const logger = createMemoryLogger();
      const summary = await runReattestBatch({
        s3: own.s3,
        source: own.source,
        records: own.records,
        resolver: createDnsClaimResolver({ servers: [own.dns.address] }),
        now: () => at(10),
        logger,
      });
      expect(summary).toMatchObject({ groups: 2, valid: 2, updated: 1, skipped: 1, deleted: 0 });
      const table = await own.table();
      expect(table[unversioned.hostnames[0]!]).toEqual({
        rev: 1,
        validateTime: at(10).toISOString(),
      });
      // Written since the snapshot (it has Rev 1): left alone.
      expect(table[versioned.hostnames[0]!]).toEqual({
        rev: 1,
        validateTime: '2026-11-20T00:00:00.000Z',
      });
      expect(logger.lines.map((line) => line.message)).toContain(
        'snapshot entries without Rev: re-attested as never versioned',
      );
    } finally {
      await own.stop();
    }
  });

  it('reports an empty run when neither the snapshot nor the state exists', async () => {
    const own = await startBatchHarness();
    try {
      const logger = createMemoryLogger();
      const summary = await runReattestBatch({
        s3: own.s3,
        source: own.source,
        records: own.records,
        resolver: createDnsClaimResolver({ servers: [own.dns.address] }),
        logger,
      });
      expect(summary).toMatchObject({ groups: 0, reached: 0, complete: true });
      expect(logger.lines[0]).toMatchObject({ level: 'WARN', bucket: own.source.bucket });
    } finally {
      await own.stop();
    }
  });
});

describe('a snapshot that cannot be read', () => {
  it('is passed over when the builder state is there', async () => {
    const own = await startBatchHarness();
    try {
      const group = palindromeGroup(30);
      await own.store(group, new Date('2026-11-20T00:00:00Z'));
      own.claim(group);
      await own.publish();
      // One record the snapshot parser refuses makes the whole file unreadable.
      await own.s3.send(
        new PutObjectCommand({
          Bucket: own.source.bucket,
          Key: own.source.key,
          Body: '[{"Owner":1}]',
        }),
      );
      const logger = createMemoryLogger();
      const summary = await runReattestBatch({
        s3: own.s3,
        source: own.source,
        records: own.records,
        resolver: createDnsClaimResolver({ servers: [own.dns.address] }),
        logger,
      });
      expect(summary).toMatchObject({ groups: 1, valid: 1, updated: 1 });
      expect(logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'WARN',
          error: expect.stringContaining('snapshot record 0'),
        }),
      );
    } finally {
      await own.stop();
    }
  });

  it('fails the run when there is no state to fall back on', async () => {
    const own = await startBatchHarness();
    try {
      await own.s3.send(
        new PutObjectCommand({ Bucket: own.source.bucket, Key: own.source.key, Body: 'not json' }),
      );
      await expect(
        runReattestBatch({
          s3: own.s3,
          source: own.source,
          records: own.records,
          resolver: createDnsClaimResolver({ servers: [own.dns.address] }),
        }),
      ).rejects.toMatchObject({ code: 'snapshot.invalid' });
    } finally {
      await own.stop();
    }
  });
});
