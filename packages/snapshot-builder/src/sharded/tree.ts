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
  /** Every node by `signature`: unchanged nodes keep their name. */
  readonly nodes: ReadonlyMap<string, TreeEntry>;
}

/** A node object the tree needs written. */
export interface NewNode {
  readonly name: string;
  readonly text: string;
}

/** A node's identity: its level and its children's names (a name fixes an object's bytes). */
function signature(level: number, children: readonly TreeEntry[]): string {
  let s = `${level}`;
  for (const c of children) s += `,${c.name}`;
  return s;
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
  height: (owner: string) => number,
): number[] {
  const starts = [0];
  for (let i = 1; i < entries.length; i++) if (height(entries[i]!.first) > level) starts.push(i);
  return starts;
}

/**
 * The tree over some shards: each level cut where owners' heights say, until one node is left
 * (the root, which is `index.json` rather than a node object). Nodes whose children are the
 * same as before keep their object; the others are returned to be written, named with
 * `generation`.
 */
export function buildTree(
  leaves: readonly TreeEntry[],
  previous: ReadonlyMap<string, TreeEntry>,
  height: (owner: string) => number,
  generation: number,
): { tree: Tree; written: NewNode[] } {
  const levels: (readonly TreeEntry[])[] = [leaves];
  const nodes = new Map<string, TreeEntry>();
  const written: NewNode[] = [];
  let entries = leaves;
  for (let level = 1; ; level++) {
    const starts = nodeStarts(entries, level, height);
    if (starts.length <= 1) return { tree: { levels, rootLevel: level, nodes }, written };
    const next = starts.map((start, i): TreeEntry => {
      const children = entries.slice(start, starts[i + 1] ?? entries.length);
      const sig = signature(level, children);
      const known = previous.get(sig) ?? nodes.get(sig);
      if (known) {
        nodes.set(sig, known);
        return known;
      }
      const text = serializeLayoutNode(publicNode(level, children));
      const entry: TreeEntry = {
        name: objectName(generation, text),
        first: children[0]!.first,
        counts: sumCounts(children.map((c) => c.counts)),
      };
      nodes.set(sig, entry);
      written.push({ name: entry.name, text });
      return entry;
    });
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
  const nodes = new Map<string, TreeEntry>();
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
      nodes.set(signature(level, children), entry);
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
