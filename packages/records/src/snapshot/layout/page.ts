// One page of the members list, read without the rest: the counts of every index entry say
// how many owners (of each type) lie under it, so whole subtrees before the page are skipped
// unread and only the nodes and shards holding the page's owners are fetched.
import type { SymmetryCode } from '../../table/symmetry-code.js';
import type { SnapshotEntryProblem } from '../types.js';
import { parseLayoutNode, readLayoutShard } from './codec.js';
import { fetchNamed, mapLimit } from './read.js';
import type { LayoutChild, LayoutFetch, LayoutIndex, LayoutOwner } from './types.js';

/** Which page of owners {@link readLayoutPage} reads. */
export interface LayoutPageOptions {
  /** Owners to skip (of `type`, when given). Default 0. */
  readonly offset?: number;
  /** Owners on the page. Default 50. */
  readonly limit?: number;
  /** Only owners with at least one group of this type (their other groups are left out too). */
  readonly type?: SymmetryCode;
  /** Files fetched at once. Default 8. */
  readonly concurrency?: number;
}

/** A page of owners. */
export interface LayoutPage {
  /** The page's owners in list order, each with the groups that match. */
  readonly owners: LayoutOwner[];
  /** Owners in the whole list (of `type`, when given): the number of pages follows. */
  readonly total: number;
  readonly offset: number;
  /** Index and node files and shards fetched for the page. */
  readonly filesRead: number;
  /**
   * Records of the shards read that did not read and were left out (each naming its shard),
   * so a page can say that something it shows may be incomplete.
   */
  readonly rejected: SnapshotEntryProblem[];
}

function ownersIn(child: LayoutChild, type: SymmetryCode | undefined): number {
  return type === undefined ? child.owners : (child.types[type]?.[0] ?? 0);
}

/**
 * Reads owners `offset` .. `offset + limit - 1` of the layout in list order (optionally only
 * owners of one symmetry type): at 1,000,000 records a page costs the index, one node per
 * level and the one or two shards the page spans. Records that do not read are left out, as
 * `readLayoutRecords` leaves them out.
 *
 * @throws RecordsError `layout.missing` when a file the index names is gone (read the index
 *   again), `layout.invalid` when a file is not what it should be.
 * @example
 * const index = await readLayoutIndex(fetchLayout);
 * const page = await readLayoutPage(fetchLayout, index!, { offset: 50, limit: 50, type: 'e' });
 * page.total; // owners with a mirror-name group
 */
export async function readLayoutPage(
  fetch: LayoutFetch,
  index: LayoutIndex,
  options: LayoutPageOptions = {},
): Promise<LayoutPage> {
  const { type } = options;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(0, Math.floor(options.limit ?? 50));
  const concurrency = options.concurrency ?? 8;
  const total = type === undefined ? index.totals.owners : (index.totals.types[type]?.[0] ?? 0);
  let filesRead = 0;
  // Children overlapping [offset, offset + limit), with the owners before each.
  const overlapping = (children: readonly LayoutChild[], before: number) => {
    const out: { child: LayoutChild; before: number }[] = [];
    let at = before;
    for (const child of children) {
      const n = ownersIn(child, type);
      if (n > 0 && at + n > offset && at < offset + limit) out.push({ child, before: at });
      at += n;
    }
    return out;
  };
  let level = index.level;
  let frontier = limit === 0 ? [] : overlapping(index.children, 0);
  while (level > 1) {
    const nodes = await mapLimit(frontier, concurrency, async ({ child, before }) => {
      filesRead++;
      const node = parseLayoutNode(await fetchNamed(fetch, child.file), child.file);
      return overlapping(node.children, before);
    });
    frontier = nodes.flat();
    level--;
  }
  const shards = await mapLimit(frontier, concurrency, async ({ child, before }) => {
    filesRead++;
    return { before, read: readLayoutShard(await fetchNamed(fetch, child.file), child.file) };
  });
  const owners: LayoutOwner[] = [];
  const rejected = shards.flatMap(({ read }) => read.rejected);
  for (const { before, read } of shards) {
    let at = before;
    for (const owner of read.owners) {
      const groups =
        type === undefined ? owner.groups : owner.groups.filter((g) => g.Type === type);
      if (groups.length === 0) continue;
      if (at >= offset && at < offset + limit) owners.push({ ...owner, groups });
      at++;
    }
  }
  return { owners, total, offset, filesRead, rejected };
}
