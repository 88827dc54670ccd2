// The 1,000,000-record layout of the benchmark, written once by the real writer (the sharded
// builder's rebuild) into node_modules/.cache/symval-web-bench/, and reused while it is
// complete: generating it takes minutes on this machine, measuring it seconds.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createShardedBuilder, type ObjectStore } from '@symval/snapshot-builder';
import { largeRecords } from '../test/support/fixtures.js';

const CACHE = join(import.meta.dirname, '..', 'node_modules', '.cache', 'symval-web-bench');

/**
 * An object store on disk, so a million records' shards do not have to fit in memory; ETags
 * are content hashes. Enough of S3's semantics for one writer.
 */
function fileStore(root: string): ObjectStore {
  const file = (key: string) => join(root, key);
  const etagOf = (body: string | Uint8Array) => createHash('sha1').update(body).digest('hex');
  const read = async (key: string) => {
    try {
      return await readFile(file(key), 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    async get(key) {
      const body = await read(key);
      return body === undefined ? undefined : { body, etag: etagOf(body) };
    },
    async head(key) {
      const body = await read(key);
      return body === undefined ? undefined : { etag: etagOf(body) };
    },
    async put(key, body, options) {
      const current = await read(key);
      if (options.ifNoneMatch && current !== undefined) return { status: 'precondition-failed' };
      if (
        options.ifMatch !== undefined &&
        (current === undefined || etagOf(current) !== options.ifMatch)
      )
        return { status: 'precondition-failed' };
      await mkdir(dirname(file(key)), { recursive: true });
      await writeFile(file(key), body);
      return { status: 'written', etag: etagOf(body) };
    },
    async copy(from, to) {
      await mkdir(dirname(file(to)), { recursive: true });
      await copyFile(file(from), file(to));
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => unlink(file(key)).catch(() => undefined)));
    },
  };
}

/**
 * The folder holding `records/v1/…` for `count` records (the layout only: the whole file is
 * left out of the cache, the page at this size never reads it), generated when missing.
 */
export async function cachedLayout(count: number, log: (line: string) => void): Promise<string> {
  const dir = join(CACHE, `layout-${count}`);
  const done = join(dir, 'complete');
  if (await stat(done).catch(() => undefined)) {
    log(`layout of ${count.toLocaleString('en')} records: cached in ${dir}`);
    return dir;
  }
  await rm(dir, { recursive: true, force: true });
  log(`layout of ${count.toLocaleString('en')} records: generating into ${dir} (once)…`);
  const started = performance.now();
  const builder = createShardedBuilder({
    store: fileStore(dir),
    indexKey: 'records/v1/index.json',
    statePrefix: 'state/v2/',
    wholeKey: 'records/domains.json',
    // The page never reads it at this size; publishing it would only cost time here.
    wholeFileThresholdBytes: 0,
    wholeFileIntervalMs: Number.MAX_SAFE_INTEGER,
    shape: { salt: '5e6e5e6e5e6e5e6e5e6e5e6e5e6e5e6e' },
  });
  await builder.rebuild(
    (function* () {
      for (const r of largeRecords(count)) {
        yield {
          groupId: r.GroupID,
          hostname: r.Hostname,
          owner: r.Owner,
          type: r.Type as 'a',
          validateTime: new Date(r.ValidateTime),
          rev: r.Rev ?? 0,
        };
      }
    })(),
  );
  await rm(join(dir, 'state'), { recursive: true, force: true });
  await writeFile(done, `${new Date().toISOString()}\n`);
  log(`  generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}
