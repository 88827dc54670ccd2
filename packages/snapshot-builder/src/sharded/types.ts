import type { DomainRecord } from '@symval/records';
import type { LayoutCounts } from '@symval/records/snapshot';
import type { ObjectStore } from '../store/object-store.js';
import type { DecodeFailure } from '../stream/types.js';
import type { ShardedLocation } from './keys.js';

/** Options of {@link createShardedBuilder}. */
export interface ShardedBuilderOptions extends ShardedLocation {
  readonly store: ObjectStore;
  /**
   * Up to this size (of the last publish) `records/domains.json` is published with every batch
   * that changes a record; above it, at most once per `wholeFileIntervalMs`. Default 4 MiB.
   */
  readonly wholeFileThresholdBytes?: number;
  /** Default 5 minutes. */
  readonly wholeFileIntervalMs?: number;
  /**
   * How long replaced shards and nodes stay readable, so a reader holding an older index
   * still finds every file it names. Default 1 hour.
   */
  readonly graceMs?: number;
  /** See `applyStreamBatch`; at least 24 hours, default 25. */
  readonly tombstoneRetentionMs?: number;
  /** The shape of a new state (an existing state keeps its own): see `TreeShape`. */
  readonly shape?: {
    readonly leafBits?: number;
    readonly fanoutBits?: number;
    readonly salt?: string;
  };
  /** The wall clock (epoch ms): the whole file's interval and the grace period. */
  readonly now?: () => number;
  /** Requests in flight at once. Default 32. */
  readonly concurrency?: number;
  /** Private shards kept in memory between batches. Default 1,024. */
  readonly leafCacheSize?: number;
  /** Options of the external sort of a rebuild. */
  readonly rebuild?: { readonly runSize?: number; readonly tempDir?: string };
}

/** What to do when there is no state (and no whole-file state to migrate). */
export type MissingStatePlan =
  | {
      readonly kind: 'rebuild';
      readonly records: AsyncIterable<DomainRecord> | Iterable<DomainRecord>;
    }
  | { readonly kind: 'empty' };

/** Options of `applyBatch`. */
export interface ApplyBatchOptions {
  /** Asked when there is no state; without it a missing state throws `state.missing`. */
  readonly onMissingState?: () => Promise<MissingStatePlan>;
}

/** How the whole file fared in a batch. */
export interface WholeFileOutcome {
  readonly published: boolean;
  /** Its size when published (or when last published). */
  readonly bytes: number;
  /** Records changed since it was last published. */
  readonly dirty: boolean;
}

/** Where the state a batch started from came from. */
export type StateSource = 'stored' | 'migrated' | 'rebuilt' | 'empty';

/** What `applyBatch` did. */
export interface ShardedBatchResult {
  readonly applied: number;
  readonly skipped: number;
  readonly failures: readonly DecodeFailure[];
  readonly expiredTombstones: number;
  readonly stateSource: StateSource;
  /** The layout's generation after the batch. */
  readonly generation: number;
  /** Whether the private root was written (anything at all changed). */
  readonly committed: boolean;
  /** Shards written (each a public and a private object). */
  readonly shardsWritten: number;
  readonly nodesWritten: number;
  /** Owner directory buckets written. */
  readonly directoryWritten: number;
  readonly wholeFile: WholeFileOutcome;
  /** Replaced objects deleted after their grace period. */
  readonly garbageDeleted: number;
  /** What the club holds now. */
  readonly totals: LayoutCounts;
  /** Tombstones in the shards this batch touched. */
  readonly touchedShards: number;
}

/** What `rebuild` did. */
export interface ShardedRebuildResult {
  readonly generation: number;
  readonly records: number;
  readonly shards: number;
  readonly nodes: number;
  readonly totals: LayoutCounts;
}
