import { isSymmetryCode, type SymmetryCode } from '@symval/records';
import type { LayoutCounts, LayoutTypeCount } from '@symval/records/snapshot';
import { SnapshotBuilderError } from '../errors.js';
import { isSequenceNumber } from '../stream/sequence-number.js';
import { SHARDED_STATE_VERSION } from './leaf.js';
import type { TreeShape } from './shape.js';

/** A child of a node as the builder keeps it: the object's name, its first owner, its counts. */
export interface TreeEntry {
  readonly name: string;
  /** `''` only for the one empty shard of a club with no members. */
  readonly first: string;
  readonly counts: LayoutCounts;
}

/** How the whole file stands: published when, how big, and whether records changed since. */
export interface WholeFileStatus {
  readonly dirty: boolean;
  readonly bytes: number;
  /** Wall-clock ms of the last publish; 0 for never. */
  readonly publishedAt: number;
  readonly hash: string | undefined;
}

/** A tombstone migrated from the whole-file state, which did not record the owner. */
export type LooseTombstone = readonly [
  groupId: string,
  hostname: string,
  seq: string,
  removedAt: number,
];

/**
 * The builder's private root (`<statePrefix>root.json`): the commit point of every batch,
 * written last with `If-Match`. It names the tree (the top node's children), so the shards and
 * nodes it reaches are the state; everything else under the prefix is garbage or history.
 */
export interface BuilderRoot extends TreeShape {
  /** Grows by one with every batch that changed the layout; names carry it. */
  readonly generation: number;
  /** The latest `ApproximateCreationDateTime` seen (epoch ms): ages tombstones. */
  readonly clock: number;
  readonly tree: { readonly level: number; readonly children: readonly TreeEntry[] };
  readonly whole: WholeFileStatus;
  /** Generations whose replaced objects are still kept, with the wall-clock ms they were replaced. */
  readonly retired: readonly (readonly [generation: number, at: number])[];
  readonly looseTombstones: readonly LooseTombstone[];
}

/** The `format` field of the private root. */
export const ROOT_FORMAT = 'symval-snapshot-builder-root';

function countsRow(c: LayoutCounts) {
  const types: Record<string, LayoutTypeCount> = {};
  for (const [code, t] of Object.entries(c.types)) types[code] = t as LayoutTypeCount;
  return [c.owners, c.groups, c.records, types];
}

/** An entry as a row: `[name, first, owners, groups, records, types]`. */
export function entryRow(e: TreeEntry): unknown[] {
  return [e.name, e.first, ...countsRow(e.counts)];
}

/** The private root's bytes. */
export function serializeRoot(root: BuilderRoot): string {
  return JSON.stringify({
    format: ROOT_FORMAT,
    version: SHARDED_STATE_VERSION,
    generation: root.generation,
    clock: root.clock,
    salt: root.salt,
    leafBits: root.leafBits,
    fanoutBits: root.fanoutBits,
    tree: { level: root.tree.level, children: root.tree.children.map(entryRow) },
    whole: {
      dirty: root.whole.dirty,
      bytes: root.whole.bytes,
      publishedAt: root.whole.publishedAt,
      hash: root.whole.hash ?? null,
    },
    retired: root.retired,
    looseTombstones: root.looseTombstones,
  });
}

const nat = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Reads an entry row; `undefined` when it is not one. */
export function parseEntryRow(row: unknown): TreeEntry | undefined {
  if (!Array.isArray(row) || row.length !== 6) return undefined;
  const [name, first, owners, groups, records, types] = row;
  if (typeof name !== 'string' || typeof first !== 'string') return undefined;
  if (!nat(owners) || !nat(groups) || !nat(records)) return undefined;
  if (typeof types !== 'object' || types === null) return undefined;
  const t: Partial<Record<SymmetryCode, LayoutTypeCount>> = {};
  for (const [code, value] of Object.entries(types)) {
    if (!isSymmetryCode(code) || !Array.isArray(value) || value.length !== 3 || !value.every(nat))
      return undefined;
    t[code] = value as unknown as LayoutTypeCount;
  }
  return { name, first, counts: { owners, groups, records, types: t } };
}

/**
 * Reads the private root.
 *
 * @throws SnapshotBuilderError `state.invalid` naming the field.
 */
export function parseRoot(text: string): BuilderRoot {
  const fail = (what: string): never => {
    throw new SnapshotBuilderError('state.invalid', `builder root: ${what}`);
  };
  let d: Record<string, unknown>;
  try {
    d = JSON.parse(text);
  } catch (error) {
    throw new SnapshotBuilderError('state.invalid', 'builder root is not JSON', { cause: error });
  }
  if (d?.format !== ROOT_FORMAT) fail(`format must be ${JSON.stringify(ROOT_FORMAT)}`);
  if (d.version !== SHARDED_STATE_VERSION)
    fail(`version ${JSON.stringify(d.version)} is not ${SHARDED_STATE_VERSION}`);
  if (!nat(d.generation)) fail('generation must be a non-negative integer');
  if (typeof d.clock !== 'number' || !Number.isFinite(d.clock)) fail('clock must be a number');
  if (typeof d.salt !== 'string' || !/^[0-9a-f]{32}$/.test(d.salt))
    fail('salt must be 32 hex digits');
  if (!nat(d.leafBits) || !nat(d.fanoutBits) || (d.fanoutBits as number) < 1)
    fail('leafBits and fanoutBits must be integers (fanoutBits >= 1)');
  const tree = d.tree as { level?: unknown; children?: unknown };
  if (!nat(tree?.level) || (tree.level as number) < 1 || !Array.isArray(tree.children))
    fail('tree must be { level >= 1, children }');
  const children = (tree.children as unknown[]).map(
    (row, i) => parseEntryRow(row) ?? fail(`tree.children[${i}] is not an entry`),
  );
  const whole = d.whole as Record<string, unknown>;
  if (
    typeof whole?.dirty !== 'boolean' ||
    !nat(whole.bytes) ||
    typeof whole.publishedAt !== 'number' ||
    (whole.hash !== null && typeof whole.hash !== 'string')
  )
    fail('whole must be { dirty, bytes, publishedAt, hash }');
  if (
    !Array.isArray(d.retired) ||
    !d.retired.every(
      (r) => Array.isArray(r) && r.length === 2 && nat(r[0]) && typeof r[1] === 'number',
    )
  )
    fail('retired must be [[generation, at], ...]');
  if (
    !Array.isArray(d.looseTombstones) ||
    !d.looseTombstones.every(
      (t) =>
        Array.isArray(t) &&
        t.length === 4 &&
        typeof t[0] === 'string' &&
        typeof t[1] === 'string' &&
        isSequenceNumber(t[2]) &&
        typeof t[3] === 'number',
    )
  )
    fail('looseTombstones must be [[GroupID, Hostname, seq, removedAt], ...]');
  return {
    generation: d.generation as number,
    clock: d.clock as number,
    salt: d.salt as string,
    leafBits: d.leafBits as number,
    fanoutBits: d.fanoutBits as number,
    tree: { level: tree.level as number, children },
    whole: {
      dirty: whole.dirty as boolean,
      bytes: whole.bytes as number,
      publishedAt: whole.publishedAt as number,
      hash: (whole.hash as string | null) ?? undefined,
    },
    retired: d.retired as [number, number][],
    looseTombstones: d.looseTombstones as LooseTombstone[],
  };
}
