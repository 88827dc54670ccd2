// What a write policy's verdict adds to a write, so that DynamoDB enforces what was checked:
// the policy's condition on the stored item, and the pins that hold the write to the fields
// rules read through current(). And, when DynamoDB refuses the write, whether it was for them.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  conditionDenial,
  type PlannedWrite,
  type WriteCheck,
  type WriteDenial,
  writesRefused,
} from '../access/gate.js';
import { allOf } from '../expressions/compile-condition.js';
import type { Condition } from '../expressions/condition.js';
import { conditionHolds, storedLookup } from '../expressions/evaluate-condition.js';
import type { TableModel } from '../model/table-model.js';
import type { TrackedWrite } from './connection.js';

/** What DynamoDB must find true of the stored item for one authorized write. */
export interface Enforcement {
  /** The write policy's condition: where it fails, the write is refused for `refusal`. */
  readonly policy?: Condition;
  readonly refusal?: string;
  /** The fields rules read through `current()`, as read (or the item's absence). */
  readonly pins?: Condition;
}

/** The enforcement of a write the policy allowed (perhaps on a condition). */
export async function enforcementOf(
  check: WriteCheck,
  tracked: TrackedWrite,
): Promise<Enforcement> {
  const pins = await tracked.pins();
  return {
    ...(check.condition ? { policy: check.condition, refusal: check.refusal ?? 'refused' } : {}),
    ...(pins ? { pins } : {}),
  };
}

/** The condition added to the write, if any. */
export function addedCondition(enforcement: Enforcement): Condition | undefined {
  return allOf(enforcement.pins, enforcement.policy);
}

/** Why DynamoDB refused a write, as far as the policy is concerned. */
export type PolicyFailure =
  | { readonly kind: 'changed' }
  | { readonly kind: 'denied'; readonly denial: WriteDenial };

/**
 * Whether a failed write failed for the policy: the item changed since a rule read it
 * (`changed`), or the stored item does not satisfy the policy's condition (`denied`);
 * `undefined` when it is the caller's own condition that failed.
 */
export function policyFailure(
  model: TableModel,
  enforcement: Enforcement,
  raw: Record<string, AttributeValue> | undefined,
  write: PlannedWrite,
  index: number,
): PolicyFailure | undefined {
  const stored = raw && Object.keys(raw).length > 0 ? raw : undefined;
  const lookup = storedLookup(stored);
  if (enforcement.pins && !conditionHolds(model, enforcement.pins, lookup)) {
    return { kind: 'changed' };
  }
  if (enforcement.policy && !conditionHolds(model, enforcement.policy, lookup)) {
    return { kind: 'denied', denial: conditionDenial(index, write, enforcement.refusal!) };
  }
  return undefined;
}

/**
 * Refuses a batch before anything is sent when any of its writes needs DynamoDB to enforce
 * something (the policy's condition, or pins from `current()`): BatchWriteItem takes no
 * conditions. A write whose condition already fails on the stored item is refused for that;
 * the others for needing a condition `method` cannot send. Every refusal is listed by index.
 *
 * @throws DynamiteError `policy.denied` naming each refused write.
 */
export async function refuseConditionalBatch(
  writes: readonly {
    readonly model: TableModel;
    readonly tracked: TrackedWrite;
    readonly enforcement: Enforcement;
  }[],
  method: 'batchWrite' | 'batchWriteAll',
): Promise<void> {
  const denials: WriteDenial[] = [];
  await Promise.all(
    writes.map(async ({ model, tracked, enforcement }, index) => {
      if (!enforcement.policy && !enforcement.pins) return;
      const { write } = tracked;
      const stored = await tracked.stored();
      if (enforcement.policy && !conditionHolds(model, enforcement.policy, storedLookup(stored))) {
        denials.push(conditionDenial(index, write, enforcement.refusal!));
        return;
      }
      denials.push({
        index,
        table: write.table,
        operation: write.type,
        write,
        reason: `the write policy allows it only on a condition on the stored item, and ${method} cannot send one (BatchWriteItem takes no conditions); write it with put, update, delete or transactWrite`,
      });
    }),
  );
  if (denials.length > 0) {
    throw writesRefused(
      denials.sort((a, b) => a.index - b.index),
      writes.length,
    );
  }
}
