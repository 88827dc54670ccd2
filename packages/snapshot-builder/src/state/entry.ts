// Its own module so the state and its sorted map both import it, and neither imports the other.
import type { SnapshotRecord } from '@symval/records';

/**
 * What the builder remembers of one item (key GroupID + Hostname).
 *
 * - `seq`: the stream sequence number last applied to it; `undefined` when the entry came
 *   from a rebuild or a seed and no stream record has been applied since.
 * - `record`: the item as published; `undefined` for a tombstone (a removed item, kept so a
 *   late duplicate of an older write cannot bring it back).
 * - `removedAt`: when the removal happened (epoch ms, from the stream record), tombstones only.
 */
export interface BuilderEntry {
  readonly seq: string | undefined;
  readonly record: SnapshotRecord | undefined;
  readonly removedAt?: number;
}
