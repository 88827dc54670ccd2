import {
  allowIf,
  alwaysAllow,
  type ConditionalDecision,
  conditionBuilder,
  ERASURE_ACTOR,
  systemRule,
  type UpdateActions,
  type WriteOperation,
} from '@symval/dynamite-orm';
import type { DomainRecordFields, DomainRecordItem } from './item.js';
import type { RecordsViewer } from './viewers.js';

type Locked = 'groupId' | 'hostname' | 'rev';
type Key = Pick<DomainRecordFields, 'groupId' | 'hostname'>;
type Changes = UpdateActions<(typeof DomainRecordItem)['fields'], Locked>;

/** A write to the DomainRecord table as its write policy sees it. */
export type RecordWrite = WriteOperation<DomainRecordFields, Key, Changes>;

const ATTESTED_FIELDS = new Set(['owner', 'type', 'validateTime']);

/** The update changes nothing but `set` of the given fields. */
function onlySets(
  changes: Changes,
  allowed: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  const actions = changes as Record<string, unknown>;
  for (const action of Object.keys(actions)) {
    if (action !== 'set' && actions[action] !== undefined) return undefined;
  }
  const set = (changes.set ?? {}) as Record<string, unknown>;
  const fields = Object.keys(set);
  if (fields.length === 0 || fields.some((f) => !allowed.has(f))) return undefined;
  return set;
}

/**
 * An attestation viewer may write exactly the hostnames of the `valid` result it carries,
 * with that result's owner and type, under its group ID: an upsert (`set` of owner, type and
 * ValidateTime) or a whole item. It may not delete.
 */
export function isAttestedWrite(viewer: RecordsViewer, op: RecordWrite): boolean {
  if (viewer.kind !== 'attestation' || viewer.result?.status !== 'valid') return false;
  const attested = viewer.result.records?.find(
    (r) => r.groupId === op.key.groupId && r.hostname === op.key.hostname,
  );
  if (!attested) return false;
  if (op.type === 'put') {
    return op.item.owner === attested.owner && op.item.type === attested.type;
  }
  if (op.type !== 'update') return false;
  const set = onlySets(op.changes, ATTESTED_FIELDS);
  return set !== undefined && set.owner === attested.owner && set.type === attested.type;
}

const VALIDATION_FIELDS = new Set(['validateTime']);

/**
 * A re-attestation viewer may only set `ValidateTime` (the version adds one to `Rev`) or delete,
 * and only conditionally (the `IfUnchanged` operations carry the snapshot's Rev).
 */
export function isValidationRefresh(viewer: RecordsViewer, op: RecordWrite): boolean {
  if (viewer.kind !== 'reattestation' || op.condition === undefined) return false;
  if (op.type === 'delete') return true;
  return op.type === 'update' && onlySets(op.changes, VALIDATION_FIELDS) !== undefined;
}

const c = conditionBuilder<(typeof DomainRecordItem)['fields']>();
const REV_STILL_ABSENT: ConditionalDecision = Object.freeze({
  allowIf: c.notExists('rev'),
  otherwise: 'skip',
});

/**
 * A migration viewer may only give `Rev` to a record that has none: an update with no action
 * of its own (the version, expected at 0, becomes 1), allowed only where the stored item still
 * has no `Rev` (DynamoDB checks it when it writes).
 */
export function revAdoption(viewer: RecordsViewer, op: RecordWrite): 'skip' | ConditionalDecision {
  if (viewer.kind !== 'migration' || op.type !== 'update') return 'skip';
  const actions = op.changes as Record<string, unknown>;
  if (Object.values(actions).some((action) => action !== undefined)) return 'skip';
  return REV_STILL_ABSENT;
}

/**
 * The table's policies: everyone reads (the data is published anyway); attestation,
 * re-attestation and migration viewers write only what their role allows; dynamite's erasure job may delete;
 * every other viewer or job is denied.
 */
export const recordsPolicies = {
  read: [alwaysAllow()],
  write: [
    systemRule(function erasureDeletes(job, op: RecordWrite) {
      return job.name === ERASURE_ACTOR && op.type === 'delete' ? 'allow' : 'skip';
    }),
    allowIf(isAttestedWrite, 'hostnames of a valid attestation'),
    allowIf(isValidationRefresh, 'Rev-conditional ValidateTime update or delete'),
    revAdoption,
  ],
};
