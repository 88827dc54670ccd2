import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as pause } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createDnsClaimResolver } from '@symval/dns-claims';
import { dynamoDbClientConfig } from '@symval/local-services';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createMemoryLogger } from '../src/observability/logger.js';
import { runReattestBatch } from '../src/run/run-batch.js';
import { type BatchHarness, palindromeGroup, startBatchHarness } from './support/batch-harness.js';

const HOUR = 3_600_000;
const T0 = new Date('2026-11-20T03:17:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
// The killed run and the one after it; grace is 72 h, so everything stored near T0 is past it.
const KILLED_AT = at(100);
const NEXT_AT = at(101);

// Oldest-validated first, so with concurrency 1 the child looks them up in this order.
const oldA = palindromeGroup(1); // no claims, past grace: deleted by the killed run
const flap = palindromeGroup(2); // claimed: refreshed by the killed run
const v1 = palindromeGroup(3); // claimed: refreshed by the killed run
const v2 = palindromeGroup(4); // claimed: the child is killed at its lookup
const v3 = palindromeGroup(5); // claimed: not reached
const oldB = palindromeGroup(6); // no claims, past grace: not reached
const fresh = palindromeGroup(7); // no claims, within grace: kept
const host = (group: { hostnames: string[] }) => group.hostnames[0]!;

let h: BatchHarness;
beforeEach(async () => {
  h = await startBatchHarness();
  await h.store(oldA, at(-6));
  await h.store(flap, at(-5));
  await h.store(v1, at(-4));
  await h.store(v2, at(-3));
  await h.store(v3, at(-2));
  await h.store(oldB, at(-1));
  await h.store(fresh, at(60));
  h.claim(flap, v1, v2, v3);
  await h.publish();
});
afterEach(() => h.stop());

/** Waits until `check` holds, re-reading the table: the writes of a group land after its lookup. */
async function until(check: (table: Awaited<ReturnType<BatchHarness['table']>>) => boolean) {
  while (!check(await h.table())) await pause(25);
}

/**
 * Runs the batch in a child process and SIGKILLs it while it waits at the lookup of `v2`, once
 * the writes of the three groups before it are in the table. Returns the lookups it printed.
 */
async function runAndKill(): Promise<string[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./crash-child.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        CRASH_DYNAMODB_CONFIG: JSON.stringify(dynamoDbClientConfig(inject('dynamodb'))),
        CRASH_S3_CONFIG: JSON.stringify(h.s3Local.clientConfig),
        CRASH_DNS: h.dns.address,
        CRASH_SOURCE: JSON.stringify(h.source),
        CRASH_TABLE: h.tableName,
        CRASH_NOW: KILLED_AT.toISOString(),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  const lookups: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('lookup ')) return;
    const domain = line.slice('lookup '.length);
    lookups.push(domain);
    if (domain !== host(v2)) {
      child.stdin.write('go\n');
      return;
    }
    void until(
      (table) =>
        !(host(oldA) in table) && table[host(flap)]?.rev === 2 && table[host(v1)]?.rev === 2,
    ).then(() => child.kill('SIGKILL'));
  });
  const how = await exited;
  expect(how, stderr).toBe('SIGKILL');
  return lookups;
}

describe('a re-attestation killed part-way (SIGKILL in a child process)', () => {
  it('is finished by the next run once the snapshot has caught up: every claimed group refreshed, each stale group deleted once', async () => {
    expect(await runAndKill()).toEqual([host(oldA), host(flap), host(v1), host(v2)]);
    const killed = await h.table();
    expect(killed).not.toHaveProperty(host(oldA));
    expect(killed[host(v2)]).toEqual({ rev: 1, validateTime: at(-3).toISOString() });
    expect(killed[host(oldB)]).toEqual({ rev: 1, validateTime: at(-1).toISOString() });

    // The stream publishes the killed run's writes before the next scheduled run.
    await h.publish();
    const summary = await runReattestBatch({
      s3: h.s3,
      source: h.source,
      records: h.records,
      resolver: createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 5000, tries: 1 }),
      concurrency: 4,
      now: () => NEXT_AT,
    });
    expect(summary).toEqual({
      groups: 6,
      valid: 4,
      invalid: 2,
      indeterminate: 0,
      updated: 4,
      // oldB only: oldA was deleted by the killed run and is not counted again.
      deleted: 1,
      skipped: 0,
      errors: 0,
      durationMs: expect.any(Number),
      reached: 6,
      remaining: 0,
      complete: true,
    });
    expect(await h.table()).toEqual({
      [host(flap)]: { rev: 3, validateTime: NEXT_AT.toISOString() },
      [host(v1)]: { rev: 3, validateTime: NEXT_AT.toISOString() },
      [host(v2)]: { rev: 2, validateTime: NEXT_AT.toISOString() },
      [host(v3)]: { rev: 2, validateTime: NEXT_AT.toISOString() },
      [host(fresh)]: { rev: 1, validateTime: at(60).toISOString() },
    });
  });

  it('run again at once from the same stale snapshot, skips what the killed run wrote and never deletes a group it refreshed', async () => {
    await runAndKill();
    // DNS flaps after the killed run refreshed `flap`: the stale snapshot still holds its old
    // ValidateTime (past grace), so only the Rev condition stands between it and a delete.
    h.dns.setRecord(`_suns.${host(flap)}`, { txt: [] });
    const logger = createMemoryLogger();
    const summary = await runReattestBatch({
      s3: h.s3,
      source: h.source,
      records: h.records,
      resolver: createDnsClaimResolver({ servers: [h.dns.address], timeoutMs: 5000, tries: 1 }),
      concurrency: 4,
      now: () => NEXT_AT,
      logger,
    });
    expect(summary).toEqual({
      groups: 7,
      valid: 3,
      invalid: 4,
      indeterminate: 0,
      updated: 2,
      deleted: 1,
      // oldA already gone; flap and v1 written by the killed run (Rev 2, the snapshot says 1).
      skipped: 3,
      errors: 0,
      durationMs: expect.any(Number),
      reached: 7,
      remaining: 0,
      complete: true,
    });
    expect(await h.table()).toEqual({
      [host(flap)]: { rev: 2, validateTime: KILLED_AT.toISOString() },
      [host(v1)]: { rev: 2, validateTime: KILLED_AT.toISOString() },
      [host(v2)]: { rev: 2, validateTime: NEXT_AT.toISOString() },
      [host(v3)]: { rev: 2, validateTime: NEXT_AT.toISOString() },
      [host(fresh)]: { rev: 1, validateTime: at(60).toISOString() },
    });
    const skipped = logger.lines.filter((line) => line.message.startsWith('write skipped'));
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ groupId: oldA.groupId, action: 'delete', gone: true }),
        expect.objectContaining({
          groupId: flap.groupId,
          action: 'delete',
          snapshotRev: 1,
          currentRev: 2,
        }),
        expect.objectContaining({
          groupId: v1.groupId,
          action: 'refresh',
          snapshotRev: 1,
          currentRev: 2,
        }),
      ]),
    );
    expect(skipped).toHaveLength(3);
  });
});
