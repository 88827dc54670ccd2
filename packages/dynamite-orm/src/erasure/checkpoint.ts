import { gunzipSync, gzipSync } from 'node:zlib';
import type { ViewerTable } from '../client/viewer-table.js';
import { defineTable, type TableClient } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { ItemOf } from '../model/helpers.js';
import { attr } from '../schema/builders.js';
import { defineItem } from '../schema/item-schema.js';
import { deserializePlan, serializePlan } from './plan-codec.js';
import type { ErasurePlan } from './plan-types.js';

const ErasureCheckpoint = defineItem({
  planId: attr.string().savedAs('pk'),
  /** 0: the progress record; 1..n: slices of the gzipped plan. */
  part: attr.number().savedAs('sk'),
  subjectId: attr.string().optional().meta({
    personalData: 'identifier',
    purpose: 'record and resume the erasure of a data subject',
  }),
  total: attr.number().optional(),
  done: attr.number().optional(),
  parts: attr.number().optional(),
  /** Fields left as they were because they held other values when their step ran: `step field`. */
  kept: attr.stringSet().optional(),
  /** Removal steps whose row was already gone. */
  missing: attr.numberSet().optional(),
  status: attr.literal('running', 'finished').optional(),
  startedAt: attr.date().optional(),
  updatedAt: attr.date().optional(),
  finishedAt: attr.date().optional(),
  expiresAt: attr.date({ storage: 'epochSeconds' }).optional(),
  chunk: attr.binary().optional(),
});

/**
 * The table erasure runs keep their progress in: one progress record per plan and the plan
 * itself (gzipped, in slices), so a run that stops part-way resumes exactly where it was.
 * Create it like any table (`createTableInput(erasureCheckpoints)` and
 * `timeToLiveInput(erasureCheckpoints)`), and connect it to the same client as the data tables:
 * each batch of steps and the progress record are written in one transaction.
 */
export const erasureCheckpoints = defineTable({
  name: 'dynamite-erasure-checkpoints',
  item: ErasureCheckpoint,
  partitionKey: 'planId',
  sortKey: 'part',
  ttl: 'expiresAt',
  description: 'Progress and proof of erasure runs (dynamite).',
  erasure: {
    kind: 'none',
    justification:
      'Erasure bookkeeping: the subject id is kept with the counts as proof that the erasure ran; the plan slices are deleted when the run finishes and every record expires through TTL.',
  },
});

/** The checkpoint table, connected. */
export type CheckpointTable = TableClient<(typeof erasureCheckpoints)['~shape']>;
/** The checkpoint table's operations for the erasure actor. */
export type CheckpointHandle = ViewerTable<(typeof erasureCheckpoints)['~shape']>;
/** One progress record. */
export type CheckpointRecord = ItemOf<typeof erasureCheckpoints>;

const SLICE_BYTES = 300_000;
const DAY_MS = 86_400_000;

/** Stores the plan and a fresh progress record; returns the record (an existing one if any). */
export async function startCheckpoint(
  cp: CheckpointHandle,
  plan: ErasurePlan,
  planRetentionDays: number,
): Promise<CheckpointRecord> {
  const data = gzipSync(serializePlan(plan));
  const slices: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += SLICE_BYTES) {
    slices.push(new Uint8Array(data.subarray(at, at + SLICE_BYTES)));
  }
  const now = new Date();
  // The slices carry personal data (keys, values): they expire even if the run is abandoned.
  const expiresAt = new Date(now.getTime() + planRetentionDays * DAY_MS);
  await cp.batchWrite(
    slices.map((chunk, i) => ({ put: { planId: plan.id, part: i + 1, chunk, expiresAt } })),
  );
  try {
    const { item } = await cp.put(
      {
        planId: plan.id,
        part: 0,
        subjectId: plan.subjectId,
        total: plan.steps.length,
        done: 0,
        parts: slices.length,
        status: 'running',
        startedAt: now,
        updatedAt: now,
      },
      { mode: 'create' },
    );
    return item;
  } catch (error) {
    if (error instanceof DynamiteError && error.code === 'condition.failed') {
      return (await readCheckpoint(cp, plan.id))!;
    }
    throw error;
  }
}

/** The progress record of a plan (consistent read). */
export async function readCheckpoint(
  cp: CheckpointHandle,
  planId: string,
): Promise<CheckpointRecord | undefined> {
  return cp.get({ planId, part: 0 }, { consistentRead: true });
}

/** Loads a stored plan. */
export async function loadPlan(
  cp: CheckpointHandle,
  record: CheckpointRecord,
): Promise<ErasurePlan> {
  const slices: Uint8Array[] = [];
  for await (const item of cp.queryAll({
    key: { planId: record.planId, part: { between: [1, record.parts ?? 0] } },
    consistentRead: true,
  })) {
    if (item.chunk) slices.push(item.chunk);
  }
  if (slices.length !== record.parts) {
    throw new DynamiteError(
      'request.invalid',
      `erasure plan ${record.planId}: ${slices.length} of ${record.parts} stored slices found (expired?); make a new plan`,
    );
  }
  return deserializePlan(gunzipSync(Buffer.concat(slices)).toString('utf8'));
}

/** Marks a run finished, sets how long its record is kept, and deletes the plan slices. */
export async function finishCheckpoint(
  cp: CheckpointHandle,
  record: CheckpointRecord,
  retentionDays: number,
): Promise<void> {
  const now = new Date();
  try {
    await cp.update(
      { planId: record.planId, part: 0 },
      {
        set: {
          status: 'finished',
          finishedAt: now,
          updatedAt: now,
          expiresAt: new Date(now.getTime() + retentionDays * DAY_MS),
        },
      },
      { if: (c) => c.eq('status', 'running') },
    );
  } catch (error) {
    // Another run of the same plan finished it first.
    if (!(error instanceof DynamiteError && error.code === 'condition.failed')) throw error;
  }
  const parts = record.parts ?? 0;
  if (parts > 0) {
    await cp.batchWrite(
      Array.from({ length: parts }, (_, i) => ({ delete: { planId: record.planId, part: i + 1 } })),
    );
  }
}
