import type { SymmetryCode } from '../../table/symmetry-code.js';
import type { ParsedSnapshotRecord, SnapshotEntryProblem } from '../types.js';

/**
 * Counts of one symmetry type in a part of the layout: owners with at least one group of the
 * type, the groups, and their hostnames (records).
 */
export type LayoutTypeCount = readonly [owners: number, groups: number, hostnames: number];

/** What a part of the layout (a shard, a node's subtree, the whole club) holds. */
export interface LayoutCounts {
  readonly owners: number;
  readonly groups: number;
  /** Hostnames, one record each. */
  readonly records: number;
  /** Per type code present: `[owners, groups, hostnames]`; absent codes have none. */
  readonly types: Readonly<Partial<Record<SymmetryCode, LayoutTypeCount>>>;
}

/** One child of an index node: a shard (level 1 nodes) or a node (higher levels). */
export interface LayoutChild extends LayoutCounts {
  /** The child's path relative to the index's folder, e.g. `shards/1c-4f0e9ab2d6c1.json`. */
  readonly file: string;
  /** The first owner in the child, in `compareOwners` order: readers descend by it. */
  readonly first: string;
}

/** An index node: `level` 1 lists shards, a higher level lists nodes of the level below. */
export interface LayoutNode {
  readonly level: number;
  readonly children: readonly LayoutChild[];
}

/** Where the owner directory is: `<path><3 hex digits>.json`, see `ownerDirectoryFile`. */
export interface LayoutDirectoryInfo {
  readonly path: string;
  /** Hex digits of the bucket name (3: 4,096 buckets). */
  readonly digits: number;
}

/** The root of the layout, `records/v1/index.json`: a node plus the club's totals. */
export interface LayoutIndex extends LayoutNode {
  /** Grows by one with every publish of the layout. */
  readonly generation: number;
  readonly totals: LayoutCounts;
  readonly directory: LayoutDirectoryInfo;
  /** The whole-file snapshot, relative to the index's folder (`../domains.json`). */
  readonly wholeFile: string;
}

/** One hostname of a group, as a shard holds it. */
export interface LayoutHost {
  readonly Hostname: string;
  readonly ValidateTime: string;
  readonly Rev?: number;
}

/** One group of an owner, as a shard holds it: hostnames sorted. */
export interface LayoutGroup {
  readonly GroupID: string;
  readonly Type: SymmetryCode;
  readonly hosts: readonly LayoutHost[];
}

/** One owner of a shard: their page id, name and groups (sorted by GroupID). */
export interface LayoutOwner {
  /** `ownerPageId(Owner)`: the owner page is `/owners/<id>/`. */
  readonly id: string;
  readonly Owner: string;
  readonly groups: readonly LayoutGroup[];
}

/** A shard: a run of owners in `compareOwners` order, each with all their groups. */
export interface LayoutShard {
  readonly owners: readonly LayoutOwner[];
}

/** A shard as read: its owners, their records flattened, and the records left out. */
export interface LayoutShardRead {
  /** The owners, each with only their good records. */
  readonly owners: LayoutOwner[];
  /** Every good record, in shard order (owner, GroupID, Hostname). */
  readonly records: ParsedSnapshotRecord[];
  /** Records left out, `index` counting records in shard order, `file` naming the shard. */
  readonly rejected: SnapshotEntryProblem[];
}

/** One bucket of the owner directory: page id and owner, sorted by id. */
export interface OwnerDirectory {
  readonly owners: readonly (readonly [id: string, owner: string])[];
}

/**
 * Reads a file of the layout by its path relative to the index's folder (`index.json`,
 * `shards/….json`, `owners/….json`): the text, or `undefined` when there is no such file
 * (HTTP 404 or 403, S3 NoSuchKey). Anything else should throw.
 */
export type LayoutFetch = (path: string) => Promise<string | undefined>;
