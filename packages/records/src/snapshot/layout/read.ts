import { RecordsError } from '../../errors.js';
import type { ParsedSnapshotRecord, SnapshotEntryProblem } from '../types.js';
import {
  parseLayoutIndex,
  parseLayoutNode,
  parseOwnerDirectory,
  readLayoutShard,
  readLayoutShardOwners,
} from './codec.js';
import { compareOwners } from './owner-order.js';
import { LAYOUT_INDEX_FILE, ownerDirectoryFile } from './paths.js';
import type { LayoutChild, LayoutFetch, LayoutIndex, LayoutOwner } from './types.js';

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** A file the index names; `layout.missing` when it is gone. */
export async function fetchNamed(fetch: LayoutFetch, file: string): Promise<string> {
  const text = await fetch(file);
  if (text === undefined) {
    throw new RecordsError(
      'layout.missing',
      `the index names ${file}, which is not there: the index was read before the files it named were replaced and removed; read index.json again`,
      { file },
    );
  }
  return text;
}

/**
 * The layout's index, or `undefined` when there is none (no `index.json`).
 *
 * @throws RecordsError `layout.invalid` when it is not a layout index.
 * @example
 * const index = await readLayoutIndex(createHttpLayoutFetch('https://suns.example/records/v1/index.json'));
 * index?.totals.owners;
 */
export async function readLayoutIndex(fetch: LayoutFetch): Promise<LayoutIndex | undefined> {
  const text = await fetch(LAYOUT_INDEX_FILE);
  return text === undefined ? undefined : parseLayoutIndex(text);
}

/** Options of {@link listLayoutShards} and {@link readLayoutRecords}. */
export interface LayoutWalkOptions {
  /** Files fetched at once. Default 16. */
  readonly concurrency?: number;
  /**
   * Whether to descend into a child (a node or a shard), from its counts: e.g.
   * `(c) => (c.types.e?.[0] ?? 0) > 0` visits only what holds owners with mirror-name groups.
   */
  readonly include?: (child: LayoutChild) => boolean;
}

/**
 * The shards of the layout in owner order (their index entries: path, first owner, counts),
 * reading the nodes level by level. Skipped subtrees (`include`) are not fetched.
 *
 * @throws RecordsError `layout.missing` when a node the index names is gone (read the index
 *   again), `layout.invalid` when one is not a node.
 */
export async function listLayoutShards(
  fetch: LayoutFetch,
  index: LayoutIndex,
  options: LayoutWalkOptions = {},
): Promise<LayoutChild[]> {
  const include = options.include ?? (() => true);
  let level = index.level;
  let frontier = index.children.filter(include);
  while (level > 1) {
    const nodes = await mapLimit(frontier, options.concurrency ?? 16, async (child) =>
      parseLayoutNode(await fetchNamed(fetch, child.file), child.file),
    );
    level--;
    frontier = nodes.flatMap((node) => {
      if (node.level !== level) {
        throw new RecordsError(
          'layout.invalid',
          `a level ${level + 1} node lists a node of level ${node.level}`,
          {
            field: 'level',
          },
        );
      }
      return node.children.filter(include);
    });
  }
  return frontier;
}

/** Every record of the layout, as a tolerant read gives it. */
export interface LayoutRecordsRead {
  readonly index: LayoutIndex;
  /** In owner order, then GroupID, then Hostname. */
  readonly records: ParsedSnapshotRecord[];
  /** Records left out, each naming its shard (`file`). */
  readonly rejected: SnapshotEntryProblem[];
}

/**
 * Reads every record of the layout: the index, its nodes, then the shards (`concurrency` at
 * once). Records are checked as `readSnapshot` checks the whole file; bad ones are left out
 * and reported. `undefined` when there is no index.
 *
 * @throws RecordsError `layout.missing` when a file the index names is gone (read again),
 *   `layout.invalid` when a file is not what it should be.
 * @example
 * const read = await readLayoutRecords(fetchFromS3);
 * for (const problem of read?.rejected ?? []) console.warn(problem.message);
 */
export async function readLayoutRecords(
  fetch: LayoutFetch,
  options: LayoutWalkOptions = {},
): Promise<LayoutRecordsRead | undefined> {
  const index = await readLayoutIndex(fetch);
  if (!index) return undefined;
  const shards = await listLayoutShards(fetch, index, options);
  const reads = await mapLimit(shards, options.concurrency ?? 16, async (child) =>
    readLayoutShard(await fetchNamed(fetch, child.file), child.file),
  );
  const records: ParsedSnapshotRecord[] = [];
  const rejected: SnapshotEntryProblem[] = [];
  for (const read of reads) {
    for (const record of read.records) records.push(record);
    for (const problem of read.rejected) rejected.push(problem);
  }
  return { index, records, rejected };
}

/** One owner found by page id. */
export interface LayoutOwnerRead {
  readonly owner: LayoutOwner;
  /** The owner's records, by GroupID then Hostname. */
  readonly records: ParsedSnapshotRecord[];
  /** The owner's records left out as unreadable. */
  readonly rejected: SnapshotEntryProblem[];
  /** The shard the owner is in. */
  readonly file: string;
}

/**
 * Finds an owner by page id (`/owners/<id>/`): the owner directory names the owner, then the
 * index is descended by owner order to the one shard holding them (about four small files).
 * `undefined` when the owner is not listed (or was removed since the directory was read).
 *
 * @example
 * const fetchLayout = createHttpLayoutFetch('https://suns.example/records/v1/index.json');
 * const found = await findLayoutOwner(fetchLayout, 'DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk');
 * found?.owner.groups.length;
 */
export async function findLayoutOwner(
  fetch: LayoutFetch,
  id: string,
  options: { index?: LayoutIndex } = {},
): Promise<LayoutOwnerRead | undefined> {
  const dirFile = ownerDirectoryFile(id);
  const dirText = await fetch(dirFile);
  if (dirText === undefined) return undefined;
  const name = parseOwnerDirectory(dirText, dirFile).owners.find(([entry]) => entry === id)?.[1];
  if (name === undefined) return undefined;
  const index = options.index ?? (await readLayoutIndex(fetch));
  if (!index) return undefined;
  let level = index.level;
  let children = index.children;
  for (;;) {
    const child = childFor(children, name);
    if (!child) return undefined;
    if (level === 1) {
      const reads = readLayoutShardOwners(await fetchNamed(fetch, child.file), child.file);
      const read = reads.find((o) => o.id === id && o.Owner === name);
      if (!read?.owner) return undefined;
      return {
        owner: read.owner,
        records: read.records,
        rejected: read.rejected,
        file: child.file,
      };
    }
    const node = parseLayoutNode(await fetchNamed(fetch, child.file), child.file);
    level = node.level;
    children = node.children;
  }
}

/** The child whose range holds `owner`: the last one starting at or before it. */
export function childFor(children: readonly LayoutChild[], owner: string): LayoutChild | undefined {
  let low = 0;
  let high = children.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (compareOwners(children[mid]!.first, owner) <= 0) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return children[found];
}

/**
 * A {@link LayoutFetch} over HTTP: paths are resolved against the index's URL; 404 and 403
 * (what S3 and CloudFront answer for a key that is not there) read as "no such file".
 *
 * @example
 * const fetchLayout = createHttpLayoutFetch(new URL('records/v1/index.json', location.href).href);
 */
export function createHttpLayoutFetch(
  indexUrl: string,
  options: { fetch?: typeof fetch; init?: RequestInit } = {},
): LayoutFetch {
  const get = options.fetch ?? fetch;
  return async (path) => {
    const url = new URL(path, indexUrl).href;
    const response = await get(url, options.init);
    if (response.status === 404 || response.status === 403) return undefined;
    if (!response.ok) throw new Error(`fetching ${url} answered HTTP ${response.status}`);
    return response.text();
  };
}
