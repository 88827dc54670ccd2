// Re-attestation under faults: DNS that flaps between runs (SERVFAIL, silence, truncated UDP
// answers) and a DynamoDB that throttles and loses answers after writing. Over many daily runs
// past the grace period, no group whose claims stay in place is deleted; once the faults stop,
// the next run refreshes every such group and deletes the one whose claims are really gone.
// A few seeds run in `pnpm test`; `pnpm test:faults` runs many (SYMVAL_FAULT_SEEDS).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDnsClaimResolver } from '@symval/dns-claims';
import {
  type DnsFaultRule,
  dynamoDbClientConfig,
  faultCountsBySource,
  faultSeeds,
  type HttpFaultRule,
  reportFaultRun,
  startDnsFaultProxy,
  startFaultProxy,
} from '@symval/local-services';
import { connectRecords } from '@symval/records';
import { describe, expect, inject, it } from 'vitest';
import { type ReattestSummary, runReattestBatch } from '../src/run/run-batch.js';
import { palindromeGroup, startBatchHarness } from './support/batch-harness.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-01T03:00:00.000Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);

/** DNS that answers, but not every time: what a flapping authoritative server looks like. */
const DNS_FLAPPING: DnsFaultRule[] = [
  { match: 'TXT _suns.*', probability: 0.3, fault: { type: 'servfail' } },
  { match: 'TXT _suns.*', probability: 0.1, fault: { type: 'silence' } },
  { match: '*', probability: 0.3, fault: { type: 'truncate' } },
];

/** The batch's writes throttled, failed, or applied with the answer lost. */
const STORE_FAULTS: HttpFaultRule[] = [
  {
    match: ['UpdateItem', 'DeleteItem', 'TransactWriteItems'],
    probability: 0.15,
    fault: { type: 'error', code: 'ProvisionedThroughputExceededException' },
  },
  {
    match: ['UpdateItem', 'DeleteItem', 'TransactWriteItems'],
    probability: 0.1,
    fault: { type: 'reset', at: 'response' },
  },
  { match: '*', probability: 0.05, fault: { type: 'error', code: 'InternalServerError' } },
];

describe('re-attestation with flapping DNS and a faulty store', () => {
  it.each(faultSeeds([1, 2, 3]))(
    'seed %i deletes no group whose claims are in place',
    async (seed) => {
      const h = await startBatchHarness();
      const claimed = [1, 2, 3, 4, 5, 6].map((n) => palindromeGroup(n));
      const gone = palindromeGroup(99);
      for (const group of [...claimed, gone]) await h.store(group, T0);
      h.claim(...claimed);

      const dns = await startDnsFaultProxy({ target: h.dns, seed, rules: DNS_FLAPPING });
      const store = await startFaultProxy({
        target: inject('dynamodb'),
        kind: 'dynamodb',
        seed,
        rules: STORE_FAULTS,
      });
      const client = new DynamoDBClient({
        ...dynamoDbClientConfig(inject('dynamodb')),
        endpoint: store.endpoint,
      });
      const records = connectRecords(client, { tableName: h.tableName });
      const caused: Record<string, number> = {};
      const add = (what: string, n: number) => {
        if (n > 0) caused[what] = (caused[what] ?? 0) + n;
      };
      const run = (now: Date): Promise<ReattestSummary> =>
        runReattestBatch({
          s3: h.s3,
          source: h.source,
          records,
          // Silence is a timeout: short here so that a run does not wait on each one for long.
          resolver: createDnsClaimResolver({ servers: [dns.address], timeoutMs: 1000, tries: 1 }),
          concurrency: 4,
          graceHours: 72,
          now: () => now,
        });
      const ours = (table: Record<string, unknown>) =>
        [...claimed, gone].filter((group) => group.hostnames[0]! in table).map((g) => g.groupId);

      try {
        // Ten daily runs, well past the 72 hours of grace, each from a fresh snapshot.
        for (let n = 1; n <= 10; n++) {
          await h.publish();
          const summary = await run(day(n));
          add('valid', summary.valid);
          add('invalid', summary.invalid);
          add('indeterminate', summary.indeterminate);
          add('write errors', summary.errors);
          add('skipped writes', summary.skipped);
          add('deleted', summary.deleted);
          const table = await h.table();
          for (const group of claimed) {
            expect(table, `day ${n}: ${group.hostnames[0]} was deleted`).toHaveProperty(
              group.hostnames[0]!,
            );
          }
        }
        // The DNS flapped for real: lookups failed, and a run met a failing store.
        expect(dns.stats.injected).toBeGreaterThan(0);
        expect(store.stats.injected).toBeGreaterThan(0);
        reportFaultRun({
          scenario: 're-attestation, 10 daily runs',
          seed,
          injected: faultCountsBySource({ dns: dns.stats.byFault, store: store.stats.byFault }),
          caused,
        });

        // Faults over: the next run refreshes every claimed group and removes the one without claims.
        dns.setRules([]);
        store.setRules([]);
        await h.publish();
        const last = await run(day(11));
        expect(last.errors).toBe(0);
        const table = await h.table();
        expect(ours(table)).toEqual(claimed.map((group) => group.groupId));
        for (const group of claimed) {
          expect(table[group.hostnames[0]!]?.validateTime).toBe(day(11).toISOString());
        }
      } finally {
        client.destroy();
        await Promise.all([dns.stop(), store.stop()]);
        await h.stop();
      }
    },
  );
});
