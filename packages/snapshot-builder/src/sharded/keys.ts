import { layoutFolder } from '@symval/records/snapshot/s3';
import { SnapshotBuilderError } from '../errors.js';

/** Where the sharded builder reads and writes, as keys of one bucket. */
export interface ShardedLocation {
  /** The public layout's index, e.g. `records/v1/index.json`; its files go beside it. */
  readonly indexKey: string;
  /** The private state's folder, e.g. `state/v2/` (root, shards, retired lists). */
  readonly statePrefix: string;
  /** The public whole file, e.g. `records/domains.json`. */
  readonly wholeKey: string;
  /** Where the whole file is uploaded before it is copied to `wholeKey`. Default `<statePrefix>domains.json.tmp`. */
  readonly wholeTempKey?: string;
  /** The whole-file builder's state (v1, `state/snapshot-state.json`), migrated when there is no sharded state yet. */
  readonly legacyStateKey?: string;
}

/** Every key the builder uses, derived once. */
export interface ShardedKeys {
  readonly index: string;
  readonly layoutFolder: string;
  readonly stateRoot: string;
  readonly statePrefix: string;
  readonly whole: string;
  readonly wholeTemp: string;
  readonly legacyState: string | undefined;
  publicShard(name: string): string;
  stateShard(name: string): string;
  node(name: string): string;
  retiredList(generation: number): string;
  directory(bucket: string): string;
}

/** The keys of a location; `options.invalid` when two of them would collide. */
export function shardedKeys(location: ShardedLocation): ShardedKeys {
  const folder = layoutFolder(location.indexKey);
  const prefix = location.statePrefix;
  if (!prefix.endsWith('/')) {
    throw new SnapshotBuilderError(
      'options.invalid',
      `statePrefix must end with "/", received ${JSON.stringify(prefix)}`,
    );
  }
  if (folder === '' || prefix.startsWith(folder) || folder.startsWith(prefix)) {
    throw new SnapshotBuilderError(
      'options.invalid',
      `the layout's folder (${JSON.stringify(folder)}, from indexKey) and statePrefix (${JSON.stringify(prefix)}) must be two separate folders: the state is private`,
    );
  }
  const wholeTemp = location.wholeTempKey ?? `${prefix}domains.json.tmp`;
  const keys = [location.wholeKey, wholeTemp, location.indexKey, location.legacyStateKey];
  if (new Set(keys.filter(Boolean)).size !== keys.filter(Boolean).length) {
    throw new SnapshotBuilderError(
      'options.invalid',
      `indexKey, wholeKey, wholeTempKey and legacyStateKey must differ, received ${JSON.stringify(keys)}`,
    );
  }
  return {
    index: location.indexKey,
    layoutFolder: folder,
    stateRoot: `${prefix}root.json`,
    statePrefix: prefix,
    whole: location.wholeKey,
    wholeTemp,
    legacyState: location.legacyStateKey,
    publicShard: (name) => `${folder}shards/${name}.json`,
    stateShard: (name) => `${prefix}shards/${name}.json`,
    node: (name) => `${folder}nodes/${name}.json`,
    retiredList: (generation) => `${prefix}retired/${generation}.json`,
    directory: (bucket) => `${folder}owners/${bucket}.json`,
  };
}
