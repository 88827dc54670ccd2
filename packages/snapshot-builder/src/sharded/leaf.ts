import { isSymmetryCode, type SnapshotRecord, type SymmetryCode } from '@symval/records';
import {
  compareOwners,
  type LayoutGroup,
  type LayoutOwner,
  type LayoutShard,
} from '@symval/records/snapshot';
import { SnapshotBuilderError } from '../errors.js';
import { isSequenceNumber } from '../stream/sequence-number.js';

/** One live record of a shard, with the sequence number last applied (none after a rebuild). */
export interface LeafItem {
  readonly groupId: string;
  readonly hostname: string;
  readonly seq: string | undefined;
  readonly type: SymmetryCode;
  readonly validateTime: string;
  readonly rev: number;
}

/** An owner of a shard: page id and live records (sorted by GroupID, then Hostname). */
export interface LeafOwner {
  readonly owner: string;
  readonly id: string;
  readonly items: readonly LeafItem[];
}

/**
 * A removed record, kept (privately) until the stream clock is past its retention, so a late
 * duplicate of an older write cannot bring it back. `owner` places it in the shard of that
 * owner's name.
 */
export interface LeafTombstone {
  readonly groupId: string;
  readonly hostname: string;
  readonly owner: string;
  readonly seq: string;
  readonly removedAt: number;
}

/**
 * The builder's state of one shard: the owners in `compareOwners` order and the tombstones
 * whose owner falls in the shard's range. The public shard is its projection without sequence
 * numbers and tombstones.
 */
export interface Leaf {
  readonly owners: readonly LeafOwner[];
  readonly tombstones: readonly LeafTombstone[];
}

/** An empty shard: the only one of a club with no members. */
export const EMPTY_LEAF: Leaf = Object.freeze({ owners: [], tombstones: [] });

/** The key of a record within the table: GroupID, newline, Hostname (sorts as the pair). */
export function itemKey(groupId: string, hostname: string): string {
  return `${groupId}\n${hostname}`;
}

/** The public record of an item. */
export function itemRecord(owner: string, item: LeafItem): SnapshotRecord {
  return {
    Owner: owner,
    Type: item.type,
    Hostname: item.hostname,
    GroupID: item.groupId,
    ValidateTime: item.validateTime,
    Rev: item.rev,
  };
}

/** Orders tombstones as the shard keeps them: by owner, then key. */
export function compareTombstones(a: LeafTombstone, b: LeafTombstone): number {
  const byOwner = compareOwners(a.owner, b.owner);
  if (byOwner !== 0) return byOwner;
  const ka = itemKey(a.groupId, a.hostname);
  const kb = itemKey(b.groupId, b.hostname);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The public shard of a leaf: owners, groups by GroupID (and Type), hostnames sorted. */
export function publicShard(leaf: Leaf): LayoutShard {
  return {
    owners: leaf.owners.map((o): LayoutOwner => {
      const groups: LayoutGroup[] = [];
      let last:
        | { GroupID: string; Type: SymmetryCode; hosts: LayoutGroup['hosts'][number][] }
        | undefined;
      for (const item of o.items) {
        if (!last || last.GroupID !== item.groupId || last.Type !== item.type) {
          last = { GroupID: item.groupId, Type: item.type, hosts: [] };
          groups.push(last);
        }
        last.hosts.push({
          Hostname: item.hostname,
          ValidateTime: item.validateTime,
          Rev: item.rev,
        });
      }
      return { id: o.id, Owner: o.owner, groups };
    }),
  };
}

/** The `format` field of a private shard. */
export const LEAF_FORMAT = 'symval-snapshot-builder-shard';
/** The private state's layout version (the whole-file builder's state was version 1). */
export const SHARDED_STATE_VERSION = 2;

// Rows are arrays: a shard is read and written on every batch that touches it.
//   owner:     [Owner, id, [[GroupID, Hostname, seq | null, Type, ValidateTime, Rev], ...]]
//   tombstone: [GroupID, Hostname, Owner, seq, removedAt]

/** The private shard's bytes. */
export function serializeLeaf(leaf: Leaf): string {
  return JSON.stringify({
    format: LEAF_FORMAT,
    version: SHARDED_STATE_VERSION,
    owners: leaf.owners.map((o) => [
      o.owner,
      o.id,
      o.items.map((i) => [i.groupId, i.hostname, i.seq ?? null, i.type, i.validateTime, i.rev]),
    ]),
    tombstones: leaf.tombstones.map((t) => [t.groupId, t.hostname, t.owner, t.seq, t.removedAt]),
  });
}

/**
 * Reads a private shard.
 *
 * @throws SnapshotBuilderError `state.invalid` naming the shard and the row.
 */
export function parseLeaf(text: string, name: string): Leaf {
  const fail = (what: string): never => {
    throw new SnapshotBuilderError('state.invalid', `builder shard ${name}: ${what}`);
  };
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SnapshotBuilderError('state.invalid', `builder shard ${name} is not JSON`, {
      cause: error,
    });
  }
  if (doc?.format !== LEAF_FORMAT) fail(`format must be ${JSON.stringify(LEAF_FORMAT)}`);
  if (doc.version !== SHARDED_STATE_VERSION)
    fail(`version ${JSON.stringify(doc.version)} is not ${SHARDED_STATE_VERSION}`);
  if (!Array.isArray(doc.owners) || !Array.isArray(doc.tombstones))
    fail('owners and tombstones must be arrays');
  const owners = (doc.owners as unknown[]).map((row, i): LeafOwner => {
    if (
      !Array.isArray(row) ||
      row.length !== 3 ||
      typeof row[0] !== 'string' ||
      typeof row[1] !== 'string' ||
      !Array.isArray(row[2])
    )
      fail(`owner ${i} must be [Owner, id, items]`);
    const [owner, id, items] = row as [string, string, unknown[]];
    return {
      owner,
      id,
      items: items.map((item, j): LeafItem => {
        const r = item as unknown[];
        const ok =
          Array.isArray(r) &&
          r.length === 6 &&
          typeof r[0] === 'string' &&
          typeof r[1] === 'string' &&
          (r[2] === null || isSequenceNumber(r[2])) &&
          isSymmetryCode(r[3]) &&
          typeof r[4] === 'string' &&
          Number.isSafeInteger(r[5]);
        if (!ok)
          fail(
            `owner ${i} item ${j} must be [GroupID, Hostname, seq | null, Type, ValidateTime, Rev]`,
          );
        return {
          groupId: r[0] as string,
          hostname: r[1] as string,
          seq: (r[2] as string | null) ?? undefined,
          type: r[3] as SymmetryCode,
          validateTime: r[4] as string,
          rev: r[5] as number,
        };
      }),
    };
  });
  const tombstones = (doc.tombstones as unknown[]).map((row, i): LeafTombstone => {
    const r = row as unknown[];
    const ok =
      Array.isArray(r) &&
      r.length === 5 &&
      typeof r[0] === 'string' &&
      typeof r[1] === 'string' &&
      typeof r[2] === 'string' &&
      isSequenceNumber(r[3]) &&
      Number.isFinite(r[4]);
    if (!ok) fail(`tombstone ${i} must be [GroupID, Hostname, Owner, seq, removedAt]`);
    return {
      groupId: r[0] as string,
      hostname: r[1] as string,
      owner: r[2] as string,
      seq: r[3] as string,
      removedAt: r[4] as number,
    };
  });
  return { owners, tombstones };
}
