// Synthetic club data for the benchmarks: realistic owners, hostnames and group IDs.
import { createHash } from 'node:crypto';
import type { SnapshotRecord } from '@symval/records';
import type { DynamoDBRecord } from 'aws-lambda';
import { type BuilderEntry, type BuilderState, entryKey, SortedEntries } from '../src/index.js';

const b64 = (text: string) => createHash('sha256').update(text).digest('base64');
const TYPES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/** Record `i` of the synthetic table: about 4 hostnames per owner. */
export function syntheticRecord(i: number, rev = 1): SnapshotRecord {
  const owner = `https://member${Math.floor(i / 4)}.example.org`;
  const type = TYPES[i % TYPES.length]!;
  const hostname = `h${i.toString(36)}.suns${i % 97}.example`;
  return {
    Owner: owner,
    Type: type,
    Hostname: hostname,
    GroupID: `v1:${type}:${b64(owner)}:${b64(hostname)}`,
    ValidateTime: new Date(Date.UTC(2025, 9, 1) + i * 1000).toISOString().replace('.000Z', 'Z'),
    Rev: rev,
  };
}

/**
 * A state of `n` live records, each with a sequence number, held as every state the builder
 * makes (rebuild, parse, apply) holds its entries: sorted by key.
 */
export function syntheticState(n: number): BuilderState {
  const rows: [string, BuilderEntry][] = [];
  for (let i = 0; i < n; i++) {
    const record = syntheticRecord(i);
    rows.push([
      entryKey(record.GroupID, record.Hostname),
      { seq: String(10n ** 21n + BigInt(i)), record },
    ]);
  }
  return {
    entries: SortedEntries.from(rows),
    clock: Date.UTC(2025, 9, 15),
    publishedHash: undefined,
  };
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

/** A Lambda batch of `size` events on a state of `n`: 60% MODIFY, 30% INSERT, 10% REMOVE. */
export function syntheticBatch(n: number, size: number): DynamoDBRecord[] {
  const out: DynamoDBRecord[] = [];
  for (let k = 0; k < size; k++) {
    const seq = String(10n ** 22n + BigInt(k));
    const kind = k % 10 < 6 ? 'MODIFY' : k % 10 < 9 ? 'INSERT' : 'REMOVE';
    const i = kind === 'INSERT' ? n + k : (k * 104_729) % n;
    const record = syntheticRecord(i, kind === 'MODIFY' ? 2 : 1);
    out.push({
      eventID: `bench-${k}`,
      eventName: kind,
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      dynamodb: {
        Keys: { pk: { S: record.GroupID }, sk: { S: record.Hostname } },
        SequenceNumber: seq,
        SizeBytes: 200,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ApproximateCreationDateTime: Date.UTC(2025, 9, 16) / 1000 + k,
        ...(kind === 'REMOVE'
          ? { OldImage: image(syntheticRecord(i)) }
          : { NewImage: image(record) }),
      },
    } as DynamoDBRecord);
  }
  return out;
}
