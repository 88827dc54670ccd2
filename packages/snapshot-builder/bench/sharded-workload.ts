// Workloads of the sharded benchmarks: the synthetic club of workload.ts as table records, a
// series of distinct 100-event batches over it, and stores that count what is written.
import type { DomainRecord, SnapshotRecord } from '@symval/records';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ObjectStore } from '../src/index.js';
import { syntheticRecord } from './workload.js';

/** A snapshot record as the table holds it. */
export function tableRecord(r: SnapshotRecord): DomainRecord {
  return {
    owner: r.Owner,
    type: r.Type,
    hostname: r.Hostname,
    groupId: r.GroupID,
    validateTime: new Date(r.ValidateTime),
    rev: r.Rev ?? 1,
  };
}

/** The `n` records of the synthetic table, made as they are read (no array of them). */
export function* tableRecords(n: number): Generator<DomainRecord> {
  for (let i = 0; i < n; i++) yield tableRecord(syntheticRecord(i));
}

function image(r: SnapshotRecord) {
  return {
    pk: { S: r.GroupID },
    sk: { S: r.Hostname },
    Owner: { S: r.Owner },
    Type: { S: r.Type },
    ValidateTime: { S: r.ValidateTime },
    Rev: { N: String(r.Rev) },
  };
}

/**
 * Batch `j` (from 1) of 100 events on a table of `n`: 60 MODIFY and 10 REMOVE of records spread
 * over the whole table, 30 INSERT of new records; every batch touches other records.
 */
export function batchAt(n: number, j: number): DynamoDBRecord[] {
  const out: DynamoDBRecord[] = [];
  for (let k = 0; k < 100; k++) {
    const kind = k % 10 < 6 ? 'MODIFY' : k % 10 < 9 ? 'INSERT' : 'REMOVE';
    const i = kind === 'INSERT' ? n + j * 100 + k : ((j * 100 + k) * 104_729) % n;
    const record = syntheticRecord(i, kind === 'MODIFY' ? 1 + j : 1);
    out.push({
      eventID: `bench-${j}-${k}`,
      eventName: kind,
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      dynamodb: {
        Keys: { pk: { S: record.GroupID }, sk: { S: record.Hostname } },
        SequenceNumber: String(10n ** 22n + BigInt(j * 1000 + k)),
        SizeBytes: 200,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ApproximateCreationDateTime: Date.UTC(2025, 9, 16) / 1000 + j * 100 + k,
        ...(kind === 'REMOVE'
          ? { OldImage: image(syntheticRecord(i)) }
          : { NewImage: image(record) }),
      },
    } as DynamoDBRecord);
  }
  return out;
}

/** Bytes written through a store, split into the whole file and everything else. */
export interface WriteTally {
  wholeFile: number;
  other: number;
  puts: number;
}

/** Wraps a store to tally written bytes; keys starting with `wholePrefix` count as the whole file. */
export function tallyingStore(
  inner: ObjectStore,
  wholeKeys: readonly string[],
): ObjectStore & { tally: WriteTally; reset(): void } {
  const tally: WriteTally = { wholeFile: 0, other: 0, puts: 0 };
  return {
    tally,
    reset() {
      tally.wholeFile = 0;
      tally.other = 0;
      tally.puts = 0;
    },
    get: (key) => inner.get(key),
    head: (key) => inner.head(key),
    async put(key, body, options) {
      tally.puts++;
      const bytes = Buffer.byteLength(body);
      if (wholeKeys.includes(key)) tally.wholeFile += bytes;
      else tally.other += bytes;
      return inner.put(key, body, options);
    },
    copy: (from, to, options) => inner.copy(from, to, options),
    delete: (keys) => inner.delete(keys),
  };
}

/**
 * A store that keeps nothing but ETags: what a rebuild writes goes to S3 in production, so
 * holding it in memory would measure the benchmark, not the builder.
 */
export function discardingStore(): ObjectStore & { bytes: number } {
  const etags = new Map<string, string>();
  let n = 0;
  const store = {
    bytes: 0,
    async get() {
      return undefined;
    },
    async head(key: string) {
      const etag = etags.get(key);
      return etag === undefined ? undefined : { etag };
    },
    async put(key: string, body: string | Uint8Array, _options?: unknown) {
      store.bytes += Buffer.byteLength(body);
      const etag = `"${++n}"`;
      // Only the root is read back (its ETag, by the conditional save).
      if (key.endsWith('root.json')) etags.set(key, etag);
      return { status: 'written' as const, etag };
    },
    async copy() {},
    async delete() {},
  };
  return store;
}
