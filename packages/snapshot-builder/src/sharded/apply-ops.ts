import { type SnapshotRecord, toSnapshotRecord } from '@symval/records';
import { compareOwners } from '@symval/records/snapshot';
import type { DecodedChange } from '../stream/decode.js';
import { isNewer } from '../stream/newer.js';
import {
  compareTombstones,
  itemKey,
  itemRecord,
  type Leaf,
  type LeafItem,
  type LeafOwner,
  type LeafTombstone,
} from './leaf.js';
import type { LooseTombstone } from './root.js';
import { pageIdOf } from './shape.js';

/** One change to one owner's shard. A MODIFY that moves a record to another owner is two. */
export interface LeafOp {
  readonly kind: 'write' | 'remove';
  readonly key: string;
  readonly groupId: string;
  readonly hostname: string;
  /** The owner whose shard the op goes to. */
  readonly owner: string;
  readonly seq: string;
  readonly rev: number | undefined;
  /** For writes: the record as it goes in. */
  readonly item?: LeafItem;
  readonly removedAt: number;
}

/**
 * The ops of a decoded change. `ownerOf` answers for a REMOVE without an old image (a stream
 * without old images): the owner found for its group ID, or `undefined`.
 */
export function opsOf(change: DecodedChange, clock: number, removeOwner?: string): LeafOp[] {
  const key = itemKey(change.groupId, change.hostname);
  const base = {
    key,
    groupId: change.groupId,
    hostname: change.hostname,
    seq: change.seq,
    removedAt: change.time ?? clock,
  };
  if (change.kind === 'remove') {
    const owner = change.oldItem?.owner ?? removeOwner;
    return owner === undefined
      ? []
      : [{ ...base, kind: 'remove', owner, rev: change.oldItem?.rev }];
  }
  const item = change.newItem!;
  const record = toSnapshotRecord(item);
  const write: LeafOp = {
    ...base,
    kind: 'write',
    owner: item.owner,
    rev: item.rev,
    item: {
      groupId: record.GroupID,
      hostname: record.Hostname,
      seq: change.seq,
      type: record.Type,
      validateTime: record.ValidateTime,
      rev: record.Rev,
    },
  };
  const old = change.oldItem;
  if (old && old.owner !== item.owner) {
    return [{ ...base, kind: 'remove', owner: old.owner, rev: old.rev }, write];
  }
  return [write];
}

/** A shard being changed by a batch. */
export class WorkLeaf {
  readonly live = new Map<string, { owner: string; item: LeafItem }>();
  readonly tombstones = new Map<string, LeafTombstone>();
  readonly ids = new Map<string, string>();
  readonly ownersBefore: ReadonlySet<string>;

  constructor(leaf: Leaf) {
    for (const o of leaf.owners) {
      this.ids.set(o.owner, o.id);
      for (const item of o.items)
        this.live.set(itemKey(item.groupId, item.hostname), { owner: o.owner, item });
    }
    for (const t of leaf.tombstones) this.tombstones.set(itemKey(t.groupId, t.hostname), t);
    this.ownersBefore = new Set(leaf.owners.map((o) => o.owner));
  }

  /** The shard as it now is; tombstones removed before `horizon` are dropped. */
  freeze(horizon: number): { leaf: Leaf; expired: number } {
    const byOwner = new Map<string, LeafItem[]>();
    for (const { owner, item } of this.live.values()) {
      const items = byOwner.get(owner);
      if (items) items.push(item);
      else byOwner.set(owner, [item]);
    }
    const owners: LeafOwner[] = [...byOwner.entries()]
      .sort((a, b) => compareOwners(a[0], b[0]))
      .map(([owner, items]) => ({
        owner,
        id: this.ids.get(owner) ?? pageIdOf(owner),
        items: items.sort((a, b) => {
          const ka = itemKey(a.groupId, a.hostname);
          const kb = itemKey(b.groupId, b.hostname);
          return ka < kb ? -1 : ka > kb ? 1 : 0;
        }),
      }));
    let expired = 0;
    const tombstones: LeafTombstone[] = [];
    for (const t of this.tombstones.values()) {
      if (t.removedAt < horizon) expired++;
      else tombstones.push(t);
    }
    tombstones.sort(compareTombstones);
    return { leaf: { owners, tombstones }, expired };
  }
}

/** What applying ops did. */
export interface OpsOutcome {
  applied: number;
  skipped: number;
  /** Record key -> the record now published, or `null` for removed. */
  readonly records: Map<string, SnapshotRecord | null>;
}

/**
 * Applies ops, in order, to the shards they route to, each kept only if newer than what the
 * shard holds for its key (see `isNewer`: sequence numbers, or Revs after a rebuild). A key the
 * shards know nothing of may still have a migrated loose tombstone.
 */
export function applyOps(
  ops: readonly { readonly op: LeafOp; readonly leaf: WorkLeaf }[],
  loose: Map<string, LooseTombstone>,
): OpsOutcome {
  const outcome: OpsOutcome = { applied: 0, skipped: 0, records: new Map() };
  for (const { op, leaf } of ops) {
    const live = leaf.live.get(op.key);
    const tomb = live ? undefined : leaf.tombstones.get(op.key);
    const looseTomb = live || tomb ? undefined : loose.get(op.key);
    const current = live
      ? { seq: live.item.seq, record: { Rev: live.item.rev } }
      : tomb
        ? { seq: tomb.seq }
        : looseTomb
          ? { seq: looseTomb[2] }
          : undefined;
    if (!isNewer(current, op.seq, op.kind, op.rev)) {
      outcome.skipped++;
      continue;
    }
    loose.delete(op.key);
    if (op.kind === 'remove') {
      leaf.live.delete(op.key);
      leaf.tombstones.set(op.key, {
        groupId: op.groupId,
        hostname: op.hostname,
        owner: op.owner,
        seq: op.seq,
        removedAt: op.removedAt,
      });
      outcome.records.set(op.key, null);
    } else {
      leaf.tombstones.delete(op.key);
      leaf.live.set(op.key, { owner: op.owner, item: op.item! });
      outcome.records.set(op.key, itemRecord(op.owner, op.item!));
    }
    outcome.applied++;
  }
  return outcome;
}
