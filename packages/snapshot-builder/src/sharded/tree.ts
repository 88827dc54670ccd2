import {
  compareOwners,
  type LayoutChild,
  type LayoutNode,
  nodeFile,
  serializeLayoutNode,
  shardFile,
  sumCounts,
} from '@symval/records/snapshot';
import { SnapshotBuilderError } from '../errors.js';
import { mapLimit } from './limit.js';
import type { TreeEntry } from './root.js';
import { objectName } from './shape.js';

/**
 * The whole index in memory (a few MB at a million records): `levels[0]` is every shard in
 * owner order, `levels[k]` every level-k node, up to the root's children
 * `levels[rootLevel - 1]`. Shards are loaded only when a batch touches them.
 */
export interface Tree {
  readonly levels: readonly (readonly TreeEntry[])[];
  readonly rootLevel: number;
  /**
   * Every node by its first child (the entry object, not its name): a node whose children are
   * the very same entries as before is unchanged and keeps its object. Comparing entries by
   * identity, where the children's names were once joined into a key per node, keeps a
   * batch's cost off the size of the club (bench/sharded.ts, 4.).
   */
  readonly nodes: ReadonlyMap<TreeEntry, TreeNode>;
}

/** A node of a {@link Tree}: its entry one level up, and its children. */
export interface TreeNode {
  readonly entry: TreeEntry;
  readonly children: readonly TreeEntry[];
}

/** A node object the tree needs written. */
export interface NewNode {
  readonly name: string;
  readonly text: string;
  /** What `text` holds, so the builder keeps it without parsing it back. */
  readonly node: LayoutNode;
}

/** Whether `entries[start..end)` are exactly a node's children, entry for entry. */
function sameChildren(
  node: TreeNode,
  entries: readonly TreeEntry[],
  start: number,
  end: number,
): boolean {
  if (node.children.length !== end - start) return false;
  for (let i = start; i < end; i++) if (node.children[i - start] !== entries[i]) return false;
  return true;
}

// The heights of entries' first owners, per height function: an entry is immutable, so its
// height is hashed once, not once per batch for every shard of the club.
const heightsOf = new WeakMap<(owner: string) => number, WeakMap<TreeEntry, number>>();

function entryHeight(height: (owner: string) => number): (entry: TreeEntry) => number {
  let cache = heightsOf.get(height);
  if (!cache) {
    cache = new WeakMap();
    heightsOf.set(height, cache);
  }
  const known = cache;
  return (entry) => {
    let h = known.get(entry);
    if (h === undefined) {
      h = height(entry.first);
      known.set(entry, h);
    }
    return h;
  };
}

/** A child as the public node lists it. */
export function publicChild(level: number, entry: TreeEntry): LayoutChild {
  return {
    file: level === 1 ? shardFile(entry.name) : nodeFile(entry.name),
    first: entry.first,
    ...entry.counts,
  };
}

/** The public node of some children (shards when `level` is 1). */
export function publicNode(level: number, children: readonly TreeEntry[]): LayoutNode {
  return { level, children: children.map((c) => publicChild(level, c)) };
}

/**
 * Where the level-`level` nodes start among `entries` (level - 1 objects): at the first entry,
 * and at every entry whose first owner has height > `level`.
 */
function nodeStarts(
  entries: readonly TreeEntry[],
  level: number,
  height: (entry: TreeEntry) => number,
): number[] {
  const starts = [0];
  for (let i = 1; i < entries.length; i++) if (height(entries[i]!) > level) starts.push(i);
  return starts;
}

/**
 * The tree over some shards: each level cut where owners' heights say, until one node is left
 * (the root, which is `index.json` rather than a node object). Nodes whose children are the
 * same entries as in `previous` keep their object; the others are returned to be written,
 * named with `generation`.
 */
export function buildTree(
  leaves: readonly TreeEntry[],
  previous: ReadonlyMap<TreeEntry, TreeNode>,
  height: (owner: string) => number,
  generation: number,
): { tree: Tree; written: NewNode[] } {
  const heightOf = entryHeight(height);
  const levels: (readonly TreeEntry[])[] = [leaves];
  const nodes = new Map<TreeEntry, TreeNode>();
  const written: NewNode[] = [];
  let entries = leaves;
  for (let level = 1; ; level++) {
    const starts = nodeStarts(entries, level, heightOf);
    if (starts.length <= 1) return { tree: { levels, rootLevel: level, nodes }, written };
    const next: TreeEntry[] = new Array(starts.length);
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k]!;
      const end = starts[k + 1] ?? entries.length;
      const first = entries[start]!;
      const known = previous.get(first);
      if (known && sameChildren(known, entries, start, end)) {
        nodes.set(first, known);
        next[k] = known.entry;
        continue;
      }
      const children = entries.slice(start, end);
      const node = publicNode(level, children);
      const text = serializeLayoutNode(node);
      const entry: TreeEntry = {
        name: objectName(generation, text),
        first: first.first,
        counts: sumCounts(children.map((c) => c.counts)),
      };
      nodes.set(first, { entry, children });
      written.push({ name: entry.name, text, node });
      next[k] = entry;
    }
    levels.push(next);
    entries = next;
  }
}

/** An entry from a public child: its name is the file's name. */
export function entryOfChild(child: LayoutChild): TreeEntry {
  const name = child.file.slice(child.file.indexOf('/') + 1, -'.json'.length);
  const { owners, groups, records, types } = child;
  return { name, first: child.first, counts: { owners, groups, records, types } };
}

/**
 * Reads the nodes under a root's children, level by level, into a {@link Tree}.
 *
 * @throws SnapshotBuilderError `state.invalid` when a node is missing or of the wrong level.
 */
export async function loadTree(
  top: { readonly level: number; readonly children: readonly TreeEntry[] },
  fetchNode: (name: string) => Promise<LayoutNode | undefined>,
  concurrency: number,
): Promise<Tree> {
  const topDown: (readonly TreeEntry[])[] = [top.children];
  const nodes = new Map<TreeEntry, TreeNode>();
  let entries = top.children;
  for (let level = top.level - 1; level >= 1; level--) {
    const loaded = await mapLimit(entries, concurrency, async (entry) => {
      const node = await fetchNode(entry.name);
      if (!node || node.level !== level) {
        throw new SnapshotBuilderError(
          'state.invalid',
          `the builder state names node ${entry.name} of level ${level}, which is ${node ? `of level ${node.level}` : 'missing'}`,
        );
      }
      const children = node.children.map(entryOfChild);
      if (children.length > 0) nodes.set(children[0]!, { entry, children });
      return children;
    });
    entries = loaded.flat();
    topDown.push(entries);
  }
  return { levels: topDown.reverse(), rootLevel: top.level, nodes };
}

/** The index of the shard whose range holds `owner`: the last one starting at or before it. */
export function routeOwner(leaves: readonly TreeEntry[], owner: string): number {
  let low = 1;
  let high = leaves.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (compareOwners(leaves[mid]!.first, owner) <= 0) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Every node name of a tree (for what a batch replaced). */
export function nodeNames(tree: Tree): Set<string> {
  const names = new Set<string>();
  for (let k = 1; k < tree.rootLevel; k++) for (const e of tree.levels[k]!) names.add(e.name);
  return names;
}
