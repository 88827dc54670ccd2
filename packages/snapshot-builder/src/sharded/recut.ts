import { compareOwners, countOwners, serializeLayoutShard } from '@symval/records/snapshot';
import {
  type Leaf,
  type LeafOwner,
  type LeafTombstone,
  publicShard,
  serializeLeaf,
} from './leaf.js';
import type { TreeEntry } from './root.js';
import { objectName } from './shape.js';

/** A shard as loaded: its state and the exact text it was read from. */
export interface LoadedLeaf {
  readonly leaf: Leaf;
  readonly text: string;
}

/** A shard the batch needs written: its private state and its public projection. */
export interface NewLeaf {
  readonly name: string;
  readonly stateText: string;
  readonly publicText: string;
  readonly leaf: Leaf;
}

/** What {@link recutLeaves} works on. */
export interface RecutInput {
  /** Every shard in order (the tree's `levels[0]`). */
  readonly entries: readonly TreeEntry[];
  /** The new content of the shards the batch changed, by index. */
  readonly changed: ReadonlyMap<number, Leaf>;
  /** The loaded shards by index (every changed one at least); more are added as needed. */
  readonly loaded: Map<number, LoadedLeaf>;
  readonly load: (index: number) => Promise<LoadedLeaf>;
  readonly height: (owner: string) => number;
  readonly generation: number;
}

/** The new shards in order, what to write, and the shard names no longer used. */
export interface RecutResult {
  readonly entries: TreeEntry[];
  readonly written: NewLeaf[];
  readonly retired: string[];
}

/** Maximal runs of consecutive indices. */
function runsOf(indices: Iterable<number>): [number, number][] {
  const sorted = [...indices].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

/**
 * Re-cuts the shards around the ones a batch changed, so the shards are exactly those a
 * rebuild of the same records would make: a shard starts at the first owner and at every
 * owner of height >= 1. A changed run of shards is extended left while its first shard lost
 * the owner it started with (its remaining owners join the shard before), and right while a
 * run at the very start holds no owner at all (its tombstones need a home); then its owners
 * are cut again. Shards whose state comes out byte for byte the same keep their name.
 */
export async function recutLeaves(input: RecutInput): Promise<RecutResult> {
  const { entries, changed, loaded, height, generation } = input;
  const current = (i: number) => changed.get(i) ?? loaded.get(i)!.leaf;
  const members = new Set(changed.keys());
  for (;;) {
    const need = new Set<number>();
    for (const [a, b] of runsOf(members)) {
      if (a > 0 && current(a).owners[0]?.owner !== entries[a]!.first) need.add(a - 1);
      if (a === 0 && b + 1 < entries.length) {
        let owners = 0;
        for (let i = a; i <= b; i++) owners += current(i).owners.length;
        if (owners === 0) need.add(b + 1);
      }
    }
    if (need.size === 0) break;
    await Promise.all(
      [...need].map(async (i) => {
        if (!loaded.has(i)) loaded.set(i, await input.load(i));
        members.add(i);
      }),
    );
  }

  const out: TreeEntry[] = [];
  const written: NewLeaf[] = [];
  const retired: string[] = [];
  let copied = 0;
  for (const [a, b] of runsOf(members)) {
    for (; copied < a; copied++) out.push(entries[copied]!);
    const owners: LeafOwner[] = [];
    const tombstones: LeafTombstone[] = [];
    const oldText = new Map<string, TreeEntry>();
    for (let i = a; i <= b; i++) {
      const leaf = current(i);
      for (const o of leaf.owners) owners.push(o);
      for (const t of leaf.tombstones) tombstones.push(t);
      const before = loaded.get(i);
      if (before) oldText.set(before.text, entries[i]!);
    }
    const pieces: { owners: LeafOwner[]; tombstones: LeafTombstone[] }[] = [];
    for (const o of owners) {
      const last = pieces.at(-1);
      if (!last || height(o.owner) >= 1) pieces.push({ owners: [o], tombstones: [] });
      else last.owners.push(o);
    }
    if (pieces.length === 0) pieces.push({ owners: [], tombstones: [] });
    let p = 0;
    for (const t of tombstones) {
      while (p + 1 < pieces.length && compareOwners(pieces[p + 1]!.owners[0]!.owner, t.owner) <= 0)
        p++;
      pieces[p]!.tombstones.push(t);
    }
    const kept = new Set<string>();
    for (const piece of pieces) {
      const stateText = serializeLeaf(piece);
      const same = oldText.get(stateText);
      if (same) {
        kept.add(same.name);
        out.push(same);
        continue;
      }
      const shard = publicShard(piece);
      const name = objectName(generation, stateText);
      written.push({ name, stateText, publicText: serializeLayoutShard(shard), leaf: piece });
      out.push({ name, first: piece.owners[0]?.owner ?? '', counts: countOwners(shard.owners) });
    }
    for (let i = a; i <= b; i++) if (!kept.has(entries[i]!.name)) retired.push(entries[i]!.name);
    copied = b + 1;
  }
  for (; copied < entries.length; copied++) out.push(entries[copied]!);
  return { entries: out, written, retired };
}
