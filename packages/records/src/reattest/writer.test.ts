import { describe, expect, it } from 'vitest';
import { RecordsError } from '../errors.js';
import type { DomainRecordKey } from '../table/domain-records.js';
import type { StoredRecord } from './stored-record.js';
import { createReattestWriter, type ReattestWriteTarget } from './writer.js';

// The scheduling of the writer without a table: a target whose writes end when the test says.
// What the writes do to a real table is in writer.int.test.ts, on DynamoDB Local.
function gatedTarget() {
  const calls: Array<{ op: string; key: DomainRecordKey; rev: number; time?: Date }> = [];
  const gates: Array<(value: unknown) => void> = [];
  let active = 0;
  let most = 0;
  const gate = <T>(make: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      active++;
      most = Math.max(most, active);
      gates.push((value) => {
        active--;
        if (value instanceof Error) reject(value);
        else resolve(make());
      });
    });
  const target = {
    setValidationIfUnchanged: (key: DomainRecordKey, rev: number, time: Date) => {
      calls.push({ op: 'set', key, rev, time });
      return gate(() => ({ status: 'missing' as const }));
    },
    deleteIfUnchanged: (key: DomainRecordKey, rev: number) => {
      calls.push({ op: 'delete', key, rev });
      return gate(() => ({ status: 'missing' as const }));
    },
  } as ReattestWriteTarget;
  return {
    target,
    calls,
    /** Ends the oldest write still open, with `value` an Error to make it throw. */
    release(value?: unknown) {
      gates.shift()?.(value);
    },
    get open() {
      return gates.length;
    },
    get most() {
      return most;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function group(id: string, count: number, rev: number | 'none' = 1) {
  const records: StoredRecord[] = Array.from({ length: count }, (_, i) => ({
    groupId: id,
    hostname: `h${i}.example`,
    owner: 'o',
    type: 'a',
    validateTime: new Date(0),
    rev: rev === 'none' ? undefined : rev,
  }));
  return { records };
}

describe('createReattestWriter', () => {
  it('keeps at most `concurrency` writes in flight across groups and sends them in call order', async () => {
    const t = gatedTarget();
    const writer = createReattestWriter(t.target, { concurrency: 2 });
    const time = new Date('2026-01-01T00:00:00Z');
    const first = writer.applyGroup(group('g1', 2), 'refresh', time);
    const second = writer.applyGroup(group('g2', 3), 'delete', time);
    await tick();
    expect(t.calls.map((c) => `${c.op} ${c.key.groupId} ${c.key.hostname}`)).toEqual([
      'set g1 h0.example',
      'set g1 h1.example',
    ]);
    while (t.open > 0) {
      t.release();
      await tick();
    }
    expect((await first).map((o) => o.status)).toEqual(['missing', 'missing']);
    expect((await second).map((o) => o.status)).toEqual(['missing', 'missing', 'missing']);
    expect(t.most).toBe(2);
    expect(t.calls.map((c) => c.key.groupId)).toEqual(['g1', 'g1', 'g2', 'g2', 'g2']);
    expect(t.calls[0]).toMatchObject({ rev: 1, time });
  });

  it('writes nothing for a kept group or a record read without Rev, and says so', async () => {
    const t = gatedTarget();
    const seen: string[] = [];
    const writer = createReattestWriter(t.target, {
      concurrency: 4,
      onWrite: (record, kind, outcome) => seen.push(`${record.hostname} ${kind} ${outcome.status}`),
    });
    expect(await writer.applyGroup(group('g', 2), 'keep', new Date())).toEqual([
      { status: 'kept' },
      { status: 'kept' },
    ]);
    expect(await writer.applyGroup(group('g', 1, 'none'), 'delete', new Date())).toEqual([
      { status: 'no-rev' },
    ]);
    expect(t.calls).toEqual([]);
    expect(seen).toEqual(['h0.example delete no-rev']);
  });

  it('reports a write that throws as an error and goes on with the others', async () => {
    const t = gatedTarget();
    const writer = createReattestWriter(t.target, { concurrency: 1 });
    const outcomes = writer.applyGroup(group('g', 2), 'delete', new Date());
    await tick();
    const boom = new Error('boom');
    t.release(boom);
    await tick();
    t.release();
    expect(await outcomes).toEqual([{ status: 'error', error: boom }, { status: 'missing' }]);
    expect(t.calls).toHaveLength(2);
  });

  it('with stopOnError sends nothing after a failure: the rest report that error', async () => {
    const t = gatedTarget();
    const writer = createReattestWriter(t.target, { concurrency: 2, stopOnError: true });
    const outcomes = writer.applyGroup(group('g', 4), 'delete', new Date());
    await tick();
    const boom = new Error('unreachable');
    t.release(boom);
    await tick();
    t.release();
    const statuses = (await outcomes).map((o) => o.status);
    expect(statuses).toEqual(['error', 'missing', 'error', 'error']);
    expect(t.calls).toHaveLength(2);
    expect((await outcomes)[3]).toEqual({ status: 'error', error: boom });
  });

  it.each([0, 1.5, 1025, Number.NaN])('refuses concurrency %s', (concurrency) => {
    expect(() => createReattestWriter(gatedTarget().target, { concurrency })).toThrow(RecordsError);
  });
});
