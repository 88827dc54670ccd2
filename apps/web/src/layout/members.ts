// The members list read from the sharded layout (records/v1/): one page at a time, and a text
// search that reads shards lazily, in list order, only as far as the matches shown need.
import {
  type LayoutChild,
  type LayoutFetch,
  type LayoutIndex,
  type LayoutOwner,
  type ParsedSnapshotRecord,
  parseLayoutNode,
  readLayoutShard,
  type SnapshotEntryProblem,
  type SymmetryCode,
} from '@symval/records/snapshot';
import { filterMembers, groupMembers, type Member, type TypeCount } from '../snapshot/group.js';

/** The layout's index beside the whole file, as the CLI finds it: `records/v1/index.json`. */
export function layoutIndexUrl(snapshotUrl: string): string {
  return new URL('v1/index.json', snapshotUrl).href;
}

/** One owner of a shard as the list renders it. */
export function memberOfLayoutOwner(owner: LayoutOwner, priorityOwner: string | null): Member {
  const records: ParsedSnapshotRecord[] = owner.groups.flatMap((group) =>
    group.hosts.map((host) => ({
      Owner: owner.Owner,
      Type: group.Type,
      Hostname: host.Hostname,
      GroupID: group.GroupID,
      ValidateTime: host.ValidateTime,
    })),
  );
  const [member] = groupMembers(records, priorityOwner);
  return member ?? { owner: owner.Owner, link: null, priority: false, groups: [], searchText: '' };
}

/** The club's counts per type, from the index alone. */
export function layoutTypeCounts(index: LayoutIndex): TypeCount[] {
  return Object.entries(index.totals.types)
    .map(([typeCode, count]) => ({ typeCode, groups: count[1], hostnames: count[2] }))
    .sort((a, b) => (a.typeCode < b.typeCode ? -1 : 1));
}

/** Progress of a {@link LayoutSearch}, in owners (of the type) searched, from the counts. */
export interface SearchProgress {
  ownersSearched: number;
  ownersTotal: number;
  shardsRead: number;
  done: boolean;
}

/** Files a search fetches ahead of the one it reads. */
const READ_AHEAD = 6;

interface Pending {
  readonly child: LayoutChild;
  readonly level: number;
  text?: Promise<string | undefined>;
}

/**
 * A text search over the layout: owners (of `type`, when given) whose name or a hostname
 * contains `query`, in list order. `more(n)` reads shards until `n` matches are found or the
 * list ends, so the first screen of matches costs only the shards before it.
 */
export class LayoutSearch {
  readonly matches: Member[] = [];
  readonly rejected: SnapshotEntryProblem[] = [];
  /** Files still to search, in list order; the first few already being fetched. */
  private readonly pending: Pending[];
  private readonly ownersTotal: number;
  private ownersSearched = 0;
  private shardsRead = 0;
  private stopped = false;

  private readonly fetch: LayoutFetch;
  private readonly query: string;
  private readonly type: SymmetryCode | '';
  private readonly priorityOwner: string | null;
  private readonly onProgress: (progress: SearchProgress) => void;

  constructor(
    fetch: LayoutFetch,
    index: LayoutIndex,
    query: string,
    type: SymmetryCode | '',
    priorityOwner: string | null,
    onProgress: (progress: SearchProgress) => void,
  ) {
    this.fetch = fetch;
    this.query = query;
    this.type = type;
    this.priorityOwner = priorityOwner;
    this.onProgress = onProgress;
    this.pending = this.children(index.children, index.level);
    this.ownersTotal = type === '' ? index.totals.owners : (index.totals.types[type]?.[0] ?? 0);
  }

  /** Stops reading: a newer filter replaced this one. */
  stop(): void {
    this.stopped = true;
  }

  get progress(): SearchProgress {
    return {
      ownersSearched: this.ownersSearched,
      ownersTotal: this.ownersTotal,
      shardsRead: this.shardsRead,
      done: this.pending.length === 0,
    };
  }

  private children(children: readonly LayoutChild[], level: number): Pending[] {
    const kept = children.filter((c) => this.type === '' || c.types[this.type] !== undefined);
    return kept.map((child) => ({ child, level }));
  }

  /** Reads on until there are at least `count` matches or nothing is left; false if stopped. */
  async more(count: number): Promise<boolean> {
    while (this.matches.length < count && this.pending.length > 0) {
      if (this.stopped) return false;
      // The next few files are fetched while this one is searched: one request at a time
      // made a search that matches little wait a round trip per shard.
      for (const entry of this.pending.slice(0, READ_AHEAD)) {
        if (entry.text) continue;
        entry.text = this.fetch(entry.child.file);
        // Awaited when its turn comes; a search stopped before then must not leave it unhandled.
        entry.text.catch(() => {});
      }
      const next = this.pending.shift()!;
      const text = await next.text!;
      if (this.stopped) return false;
      if (text === undefined) throw new Error(`${next.child.file} is gone; reload the page`);
      if (next.level > 1) {
        const node = parseLayoutNode(text, next.child.file);
        this.pending.unshift(...this.children(node.children, node.level));
        continue;
      }
      const read = readLayoutShard(text, next.child.file);
      this.shardsRead++;
      this.ownersSearched +=
        this.type === '' ? next.child.owners : (next.child.types[this.type]?.[0] ?? 0);
      this.rejected.push(...read.rejected);
      const members = read.owners.map((o) => memberOfLayoutOwner(o, this.priorityOwner));
      this.matches.push(...filterMembers(members, this.query, this.type));
      this.onProgress(this.progress);
    }
    return !this.stopped;
  }
}
