// Where each file of the sharded layout is, relative to the folder of its index
// (`records/v1/` beside `records/domains.json`). The version is in the path: a layout of
// another shape would be published beside this one, under `records/v2/`.

/** The index's file name inside the layout's folder. */
export const LAYOUT_INDEX_FILE = 'index.json';
/** The layout's version: the `v1` of `records/v1/` and the `version` field of every file. */
export const LAYOUT_VERSION = 1;
/** The owner directory's folder. */
export const OWNER_DIRECTORY_PATH = 'owners/';
/** Hex digits of an owner directory bucket: 4,096 buckets. */
export const OWNER_DIRECTORY_DIGITS = 3;
/** The whole-file snapshot seen from the layout's folder. */
export const WHOLE_FILE_FROM_LAYOUT = '../domains.json';

const NAME = /^[A-Za-z0-9._-]+$/;
const CHILD_FILE = /^(shards|nodes)\/[A-Za-z0-9._-]+\.json$/;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A shard's path from its name. */
export function shardFile(name: string): string {
  if (!NAME.test(name)) throw new TypeError(`a shard name is [A-Za-z0-9._-]+, received ${name}`);
  return `shards/${name}.json`;
}

/** A node's path from its name. */
export function nodeFile(name: string): string {
  if (!NAME.test(name)) throw new TypeError(`a node name is [A-Za-z0-9._-]+, received ${name}`);
  return `nodes/${name}.json`;
}

/** Whether a child path is one the index may name (`shards/x.json`, `nodes/x.json`, nothing else). */
export function isLayoutChildFile(file: unknown): file is string {
  return typeof file === 'string' && CHILD_FILE.test(file);
}

/**
 * The owner directory bucket of a page id: the first 12 bits of the owner hash (its first two
 * base64url characters) as 3 lowercase hex digits, so bucket names are the same on
 * case-insensitive file systems.
 *
 * @example
 * ownerDirectoryBucket('DUS2oe94xFjaxf4CvZWLOyTRWJEXKgy6BtjfEXOHkwk'); // '0d4'
 */
export function ownerDirectoryBucket(id: string): string {
  const high = B64URL.indexOf(id[0] ?? '');
  const low = B64URL.indexOf(id[1] ?? '');
  if (high < 0 || low < 0) throw new TypeError(`not a page id: ${JSON.stringify(id)}`);
  return ((high << 6) | low).toString(16).padStart(OWNER_DIRECTORY_DIGITS, '0');
}

/** The directory file that lists the owner with this page id, e.g. `owners/0d4.json`. */
export function ownerDirectoryFile(id: string): string {
  return `${OWNER_DIRECTORY_PATH}${ownerDirectoryBucket(id)}.json`;
}
