import { type TransactOperation, transactWrite } from '../client/transact.js';
import type { TableClient } from '../define-table.js';
import { entityNodeName } from '../erasure-policy/decision.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { Condition, ConditionBuilder } from '../expressions/condition.js';
import { entityUpdateActions } from '../single-table/entity-keys.js';
import {
  type CheckpointHandle,
  type CheckpointRecord,
  finishCheckpoint,
  readCheckpoint,
  recordErasure,
  startCheckpoint,
} from './checkpoint.js';
import type { ErasureNode } from './graph.js';
import { valueAt } from './plan.js';
import { checkPlan, toTagged } from './plan-codec.js';
import type { ErasurePlan, ErasureStep, PlanKey, RemoveStep } from './plan-types.js';
import { isOwnRow, storedKeyOf } from './rows.js';

/** How far a run is. */
export interface ErasureProgress {
  readonly planId: string;
  readonly total: number;
  readonly done: number;
}

/** Options of `executeErasure`. */
export interface ExecuteErasureOptions {
  /** Steps written per transaction, with the progress record (1 to 99; default 25). */
  batchSize?: number;
  /** Stops the run between two transactions; the result says `stopped` and it can resume. */
  signal?: AbortSignal;
  /** Called (and awaited) after each transaction. */
  onProgress?: (progress: ErasureProgress) => void | Promise<void>;
  /** Days the finished progress record (subject id, counts) is kept before TTL removes it (default 30). */
  retentionDays?: number;
  /** Days the stored plan is kept if a run is abandoned (default 30). */
  planRetentionDays?: number;
  /** Attempts of a transaction that keeps conflicting with other writes (default 8). */
  maxAttempts?: number;
}

/**
 * A removal step not (wholly) applied: `changed` when fields held other values by the time it
 * ran (those fields are kept; the others were removed), `missing` when the row was gone.
 */
export type SkippedStep =
  | {
      /** Position of the step in `plan.steps`. */
      readonly step: number;
      readonly reason: 'changed';
      /** The fields left as they were. */
      readonly fields: readonly string[];
      /** The step's table (and entity) and row, when the plan is at hand. */
      readonly table?: string;
      readonly entity?: string;
      readonly key?: PlanKey;
    }
  | { readonly step: number; readonly reason: 'missing' };

/**
 * How a run ended: `finished`, every step done (now or by an earlier run);
 * `finished-with-skips`, every step done but some fields kept because they changed after
 * planning (they hold data still: see `skipped`, and plan them again with `replanSkipped`);
 * `stopped`, the signal fired before the end.
 */
export type ErasureStatus = 'finished' | 'finished-with-skips' | 'stopped';

/** What a run did. */
export interface ErasureResult {
  readonly planId: string;
  readonly subjectId: string;
  readonly status: ErasureStatus;
  readonly total: number;
  readonly done: number;
  /** Steps already done when this call started (an earlier, interrupted run). */
  readonly resumedFrom: number;
  /** Transactions this call committed. */
  readonly transactions: number;
  /** Removal steps left alone, over every run of the plan. */
  readonly skipped: readonly SkippedStep[];
}

// biome-ignore lint/suspicious/noExplicitAny: the data tables are of every shape
type AnyTableClient = TableClient<any>;

/** A table or entity erasure writes to, with the connection of its table definition. */
export interface Connected {
  readonly node: ErasureNode;
  readonly client: AnyTableClient;
}

/** The name of the node a step writes to: its table, or `table/entity`. */
export function stepNode(step: { readonly table: string; readonly entity?: string }): string {
  return step.entity === undefined ? step.table : entityNodeName(step.table, step.entity);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function skippedOf(record: CheckpointRecord, plan: ErasurePlan | undefined): SkippedStep[] {
  const kept = new Map<number, string[]>();
  for (const entry of record.kept ?? []) {
    const space = entry.indexOf(' ');
    const step = Number(entry.slice(0, space));
    kept.set(step, [...(kept.get(step) ?? []), entry.slice(space + 1)]);
  }
  const out: SkippedStep[] = [
    ...[...kept].map(([step, fields]) => {
      const planned = plan?.steps[step];
      return {
        step,
        reason: 'changed' as const,
        fields: fields.sort(),
        ...(planned
          ? {
              table: planned.table,
              ...(planned.entity !== undefined ? { entity: planned.entity } : {}),
              key: planned.key,
            }
          : {}),
      };
    }),
    ...[...(record.missing ?? [])].map((step) => ({ step, reason: 'missing' as const })),
  ];
  return out.sort((a, b) => a.step - b.step);
}

/** Equal values, compared by content (sets in any order). */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown => {
    const tagged = toTagged(v);
    return JSON.stringify(tagged, (_key, value) =>
      value && typeof value === 'object' && Array.isArray(value.$set)
        ? { $set: value.$set.map((e: unknown) => JSON.stringify(e)).sort() }
        : value,
    );
  };
  return canonical(a) === canonical(b);
}

/** A removal narrowed after a failed condition: fields still to remove, fields kept. */
type Narrowed =
  | { readonly remove: readonly string[]; readonly kept: readonly string[] }
  | 'missing';

function narrow(
  node: ErasureNode,
  step: RemoveStep,
  previous: Narrowed | undefined,
  current: Record<string, unknown> | undefined,
): Narrowed {
  // An item of another entity at the key is not this step's row: the row is gone.
  if (current === undefined || !isOwnRow(node, current)) return 'missing';
  const before = previous === undefined || previous === 'missing' ? undefined : previous;
  const remove: string[] = [];
  const kept = new Set(before?.kept ?? []);
  for (const field of before?.remove ?? step.fields) {
    const value = valueAt(current, field);
    if (value === undefined) continue;
    if (sameValue(value, step.expected[field])) remove.push(field);
    else kept.add(field);
  }
  return { remove, kept: [...kept].sort() };
}

/** The result a run reports, from its progress record (and its plan, when at hand). */
export function resultOfRecord(
  record: CheckpointRecord,
  ended: 'finished' | 'stopped',
  resumedFrom: number,
  transactions: number,
  plan?: ErasurePlan,
): ErasureResult {
  const skipped = skippedOf(record, plan);
  const kept = skipped.some((s) => s.reason === 'changed');
  return {
    planId: record.planId,
    subjectId: record.subjectId ?? '',
    status: ended === 'finished' && kept ? 'finished-with-skips' : ended,
    total: record.total ?? 0,
    done: record.done ?? 0,
    resumedFrom,
    transactions,
    skipped,
  };
}

function stepOperation(
  { node, client }: Connected,
  actor: string,
  step: ErasureStep,
  fields: readonly string[] = step.action === 'remove' ? step.fields : [],
): TransactOperation {
  const tx = client.asSystem(actor).tx;
  const versioned = client.definition.version !== undefined;
  const key = storedKeyOf(node, step.key);
  const entity = node.entity;
  // An entity's write touches only an item of that entity: another entity's item at the key
  // (or one of no entity) fails the condition and is left alone.
  const own = (c: ConditionBuilder<never>): Condition =>
    c.eq(entity!.keys.typeField as never, entity!.name as never);
  if (step.action === 'delete') {
    if (!entity) return tx.delete(key, versioned ? { expectedVersion: 'any' } : undefined);
    const absent = entity.keys.primary.partitionKey.field;
    return tx.delete(key, {
      if: (c: ConditionBuilder<never>) => c.or(c.notExists(absent as never), own(c)),
      ...(versioned ? { expectedVersion: 'any' } : {}),
    } as never);
  }
  // Remove only what still holds the value seen when planning (or is already gone), so a
  // change made since then is not clobbered.
  const unchanged = (c: ConditionBuilder<never>): Condition[] =>
    fields.map((field) =>
      c.or(c.notExists(field as never), c.eq(field as never, step.expected[field] as never)),
    );
  // An entity's removal also takes out the index keys built from the removed fields (a key
  // `AUTHOR#<id>` holds the id as much as the field does).
  const actions = entity
    ? entityUpdateActions(entity.keys, step.key, { remove: fields })
    : { remove: fields };
  return tx.update(
    key,
    actions as never,
    {
      if: (c: ConditionBuilder<never>) => c.and(...(entity ? [own(c)] : []), ...unchanged(c)),
      ...(versioned ? { expectedVersion: 'any' } : {}),
    } as never,
  );
}

function checkOptions(options: ExecuteErasureOptions) {
  const batchSize = options.batchSize ?? 25;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 99) {
    throw new DynamiteError(
      'request.invalid',
      `batchSize must be an integer from 1 to 99, got ${describeValue(options.batchSize)}`,
    );
  }
  const maxAttempts = options.maxAttempts ?? 8;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new DynamiteError(
      'request.invalid',
      `maxAttempts must be a positive integer, got ${describeValue(options.maxAttempts)}`,
    );
  }
  return { batchSize, maxAttempts };
}

/** The next steps to write together: at most `size`, never two on one row (DynamoDB refuses). */
function nextBatch(
  plan: ErasurePlan,
  from: number,
  size: number,
  connections: ReadonlyMap<string, Connected>,
): number[] {
  const rows = new Set<string>();
  const batch: number[] = [];
  for (let i = from; i < plan.steps.length && batch.length < size; i++) {
    const step = plan.steps[i]!;
    const stored = storedKeyOf(connections.get(stepNode(step))!.node, step.key);
    const row = `${step.table}\u0000${JSON.stringify(Object.values(stored).map(String))}`;
    if (rows.has(row)) break;
    rows.add(row);
    batch.push(i);
  }
  return batch;
}

/**
 * Runs a plan: steps in plan order, a batch per transaction together with the progress record
 * (conditional on the progress it read), so each step is written exactly once even when runs
 * crash, are retried, or race. A removal whose condition fails is recorded as skipped.
 */
export async function executeOver(
  connections: ReadonlyMap<string, Connected>,
  checkpoints: CheckpointHandle,
  actor: string,
  plan: ErasurePlan,
  options: ExecuteErasureOptions = {},
): Promise<ErasureResult> {
  checkPlan(plan);
  const { batchSize, maxAttempts } = checkOptions(options);
  for (const step of plan.steps) {
    if (!connections.has(stepNode(step))) {
      throw new DynamiteError(
        'request.invalid',
        `erasure plan ${plan.id} writes to ${step.entity === undefined ? `table ${step.table}` : `entity ${step.entity} of ${step.table}`}, which is not among the connected tables`,
      );
    }
  }
  const existing = await readCheckpoint(checkpoints, plan.id);
  let record =
    existing ?? (await startCheckpoint(checkpoints, plan, options.planRetentionDays ?? 30));
  const resumedFrom = record.done ?? 0;
  let transactions = 0;
  let attempts = 0;
  const result = (ended: 'finished' | 'stopped') =>
    resultOfRecord(record, ended, resumedFrom, transactions, plan);
  // The ledger learns of the erasure before its first write, so that a restore to any moment
  // after this one is followed by re-applying it (reapplyErasures).
  if (record.status === 'running') {
    await recordErasure(checkpoints, plan.subjectId, new Date(), existing === undefined);
  }

  const narrowed = new Map<number, Narrowed>();
  while (record.status === 'running' && (record.done ?? 0) < plan.steps.length) {
    if (options.signal?.aborted) return result('stopped');
    const done = record.done ?? 0;
    const batch = nextBatch(plan, done, batchSize, connections);
    const writing: number[] = [];
    const operations: TransactOperation[] = [];
    const kept = new Set<string>();
    const missing = new Set<number>();
    for (const i of batch) {
      const step = plan.steps[i]!;
      const n = narrowed.get(i);
      if (n === 'missing') {
        missing.add(i);
        continue;
      }
      for (const field of n?.kept ?? []) kept.add(`${i} ${field}`);
      if (n && n.remove.length === 0) continue;
      writing.push(i);
      operations.push(stepOperation(connections.get(stepNode(step))!, actor, step, n?.remove));
    }
    const now = new Date();
    const advance = checkpoints.tx.update(
      { planId: plan.id, part: 0 },
      {
        set: { done: done + batch.length, updatedAt: now },
        ...(kept.size || missing.size
          ? {
              add: {
                ...(kept.size ? { kept } : {}),
                ...(missing.size ? { missing } : {}),
              },
            }
          : {}),
      },
      { if: (c) => c.and(c.eq('done', done), c.eq('status', 'running')) },
    );
    try {
      await transactWrite([...operations, advance]);
      transactions++;
      attempts = 0;
      narrowed.clear();
      record = {
        ...record,
        done: done + batch.length,
        updatedAt: now,
        ...(kept.size ? { kept: new Set([...(record.kept ?? []), ...kept]) } : {}),
        ...(missing.size ? { missing: new Set([...(record.missing ?? []), ...missing]) } : {}),
      };
      await options.onProgress?.({ planId: plan.id, total: plan.steps.length, done: record.done! });
    } catch (error) {
      if (!(error instanceof DynamiteError && error.code === 'transaction.cancelled')) throw error;
      const reasons = error.reasons ?? [];
      if (reasons[operations.length]?.code === 'ConditionalCheckFailed') {
        // Another run of this plan moved on: continue from its progress.
        record = (await readCheckpoint(checkpoints, plan.id))!;
        narrowed.clear();
        continue;
      }
      let learned = false;
      writing.forEach((stepIndex, position) => {
        const reason = reasons[position];
        const step = plan.steps[stepIndex]!;
        if (reason?.code === 'ConditionalCheckFailed' && step.action === 'remove') {
          const current = reason.item as Record<string, unknown> | undefined;
          const { node } = connections.get(stepNode(step))!;
          narrowed.set(stepIndex, narrow(node, step, narrowed.get(stepIndex), current));
          learned = true;
        }
      });
      if (learned) continue;
      attempts++;
      if (attempts >= maxAttempts) throw error;
      await sleep(Math.min(1000, 25 * 2 ** attempts) * (0.5 + Math.random() / 2));
    }
  }
  if (record.status === 'running') {
    await finishCheckpoint(checkpoints, record, options.retentionDays ?? 30);
    record = { ...record, status: 'finished' };
    await recordErasure(checkpoints, plan.subjectId, new Date(), false);
  }
  return result('finished');
}
