import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type S3Local, startS3 } from '@symval/local-services';
import { parseSnapshot, serializeSnapshot } from '@symval/records';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableModel } from '../../test/stream-model.js';
import { SnapshotBuilderError } from '../errors.js';
import { emptyState, publicRecords } from '../state/state.js';
import { applyStreamBatch } from '../stream/apply.js';
import { loadState, publishSnapshot } from './publish.js';

let s3rver: S3Local;
let s3: S3Client;
const bucket = 'site';
let n = 0;
// Each test its own keys, so tests do not see each other's state.
function location() {
  n++;
  return { bucket, key: `records/domains-${n}.json`, stateKey: `state/snapshot-state-${n}.json` };
}

beforeAll(async () => {
  // startS3 gives s3rver S3's atomic replace and conditional writes.
  s3rver = await startS3({ buckets: [bucket] });
  s3 = new S3Client(s3rver.clientConfig);
});
afterAll(async () => {
  s3.destroy();
  await s3rver.stop();
});

async function text(key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

function modelWith(keys: number[]): TableModel {
  const table = new TableModel();
  for (const key of keys) table.apply({ kind: 'upsert', key, time: key });
  return table;
}

async function publishBatch(loc: ReturnType<typeof location>, records: TableModel['stream']) {
  const loaded = await loadState(s3, loc);
  const { state } = applyStreamBatch(loaded.state ?? emptyState(), records);
  return publishSnapshot(s3, { ...loc, state, loaded });
}

describe('publishSnapshot', () => {
  it('writes the public document with its headers, removes the temporary key and saves the state', async () => {
    const loc = location();
    const table = modelWith([1, 2, 3]);
    const result = await publishBatch(loc, table.stream);
    expect(result).toMatchObject({ published: true, stateSaved: true });
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: loc.key }));
    const body = await out.Body!.transformToString();
    expect(out.ContentType).toBe('application/json');
    expect(out.CacheControl).toBe('max-age=60');
    expect(body).toBe(serializeSnapshot(publicRecords(result.state)));
    expect(parseSnapshot(body)).toHaveLength(3);
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `${loc.stateKey}.tmp` })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    const loaded = await loadState(s3, loc);
    expect(loaded.state).toEqual(result.state);
    expect(loaded.etag).toBe(result.etag);
    // The state is private: the public document carries none of it.
    expect(body).not.toContain(table.stream[0]!.dynamodb!.SequenceNumber!);
  });

  it('writes nothing when the batch changes nothing, and only the state when the document is the same', async () => {
    const loc = location();
    const table = modelWith([1, 2]);
    await publishBatch(loc, table.stream);
    const before = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: loc.key }));
    const stateBefore = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: loc.stateKey }));
    const again = await publishBatch(loc, table.stream); // duplicates only
    expect(again).toMatchObject({ published: false, stateSaved: false });
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: loc.stateKey }))).ETag).toBe(
      stateBefore.ETag,
    );
    // Insert and remove an item in one batch: the state changes (a tombstone), the document not.
    table.apply({ kind: 'upsert', key: 9, time: 9 });
    table.apply({ kind: 'delete', key: 9 });
    const tombstone = await publishBatch(loc, table.stream.slice(-2));
    expect(tombstone).toMatchObject({ published: false, stateSaved: true });
    const after = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: loc.key }));
    expect(after.ETag).toBe(before.ETag);
  });

  it('detects a writer that saved the state since it was loaded, before writing anything', async () => {
    const loc = location();
    const table = modelWith([1]);
    await publishBatch(loc, table.stream);
    const staleLoad = await loadState(s3, loc);
    table.apply({ kind: 'upsert', key: 2, time: 2 });
    await publishBatch(loc, table.stream.slice(-1)); // the other writer
    const published = await text(loc.key);
    table.apply({ kind: 'upsert', key: 3, time: 3 });
    const { state } = applyStreamBatch(staleLoad.state!, table.stream.slice(-1));
    const error = await publishSnapshot(s3, { ...loc, state, loaded: staleLoad }).catch((e) => e);
    expect(error).toBeInstanceOf(SnapshotBuilderError);
    expect(error.code).toBe('publish.conflict');
    expect(await text(loc.key)).toBe(published);
  });

  it('refuses the state save with a conditional write when another writer saves in between', async () => {
    const loc = location();
    const table = modelWith([1]);
    await publishBatch(loc, table.stream);
    table.apply({ kind: 'upsert', key: 2, time: 2 });
    table.apply({ kind: 'upsert', key: 3, time: 3 });
    const [mine, theirs] = table.stream.slice(-2);
    // A client that lets the other writer publish right before this one saves its state.
    const racing = new S3Client(s3rver.clientConfig);
    let interfered = false;
    racing.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: string };
        if (
          context.commandName === 'PutObjectCommand' &&
          input.Key === loc.stateKey &&
          !interfered
        ) {
          interfered = true;
          await publishBatch(loc, [theirs!]);
        }
        return next(args);
      },
      { step: 'initialize', name: 'interfere' },
    );
    const loaded = await loadState(racing, loc);
    const { state } = applyStreamBatch(loaded.state!, [mine!]);
    const error = await publishSnapshot(racing, { ...loc, state, loaded }).catch((e) => e);
    expect(error).toMatchObject({ code: 'publish.conflict' });
    // The retry, on the state the other writer saved, publishes both changes.
    const retried = await publishBatch(loc, [mine!]);
    expect(retried.published).toBe(true);
    expect(
      parseSnapshot(await text(loc.key))
        .map((r) => r.Hostname)
        .sort(),
    ).toEqual(['h1.example', 'h2.example', 'h3.example']);
    racing.destroy();
  });

  it('refuses to create a state when one appeared since the load found none', async () => {
    const loc = location();
    const loaded = await loadState(s3, loc);
    expect(loaded).toEqual({ state: undefined, etag: undefined });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: loc.stateKey, Body: 'x' }));
    const { state } = applyStreamBatch(emptyState(), modelWith([1]).stream);
    await expect(publishSnapshot(s3, { ...loc, state, loaded })).rejects.toMatchObject({
      code: 'publish.conflict',
    });
  });

  it('throws S3 failures so the batch is retried', async () => {
    const loc = { ...location(), bucket: 'no-such-bucket' };
    const { state } = applyStreamBatch(emptyState(), modelWith([1]).stream);
    await expect(
      publishSnapshot(s3, { ...loc, state, loaded: { state: undefined, etag: undefined } }),
    ).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('refuses to read a state object that is not a builder state', async () => {
    const loc = location();
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: loc.stateKey, Body: '{"hello":1}' }));
    await expect(loadState(s3, loc)).rejects.toMatchObject({ code: 'state.invalid' });
  });

  it('lets concurrent readers of the public key parse only complete, valid documents during 150 publishes', async () => {
    const loc = location();
    const table = new TableModel();
    let stop = false;
    const seen = new Set<number>();
    let reads = 0;
    const problems: string[] = [];
    const reader = async () => {
      const client = new S3Client(s3rver.clientConfig);
      while (!stop) {
        try {
          const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: loc.key }));
          const body = await out.Body!.transformToString();
          const records = parseSnapshot(body);
          seen.add(records.length);
          reads++;
        } catch (error) {
          // Before the first publish the key does not exist yet.
          if ((error as { name?: string }).name === 'NoSuchKey' && seen.size === 0) continue;
          problems.push(`${(error as Error).name}: ${(error as Error).message.slice(0, 200)}`);
        }
      }
      client.destroy();
    };
    const readers = Array.from({ length: 2 }, reader);
    let publishes = 0;
    let loaded = await loadState(s3, loc);
    try {
      // Enough publishes for many reads to overlap a replace; each costs five S3 requests.
      for (let i = 0; publishes < 150; i++) {
        // Grow and shrink the document so a torn read could not look complete.
        const length = table.stream.length;
        table.apply(
          i % 5 === 4
            ? { kind: 'delete', key: (i * 7) % 40 }
            : { kind: 'upsert', key: i % 40, time: i },
        );
        if (table.stream.length === length) continue;
        const { state } = applyStreamBatch(loaded.state ?? emptyState(), table.stream.slice(-1));
        const result = await publishSnapshot(s3, { ...loc, state, loaded });
        expect(result.published).toBe(true);
        loaded = { state: result.state, etag: result.etag };
        publishes++;
      }
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(100);
    expect(seen.size).toBeGreaterThan(5);
    expect(parseSnapshot(await text(loc.key))).toHaveLength(table.items.size);
  });
});
