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
  /** A plan's id; or `subject#<subject id>` for the subject's entry in the erasure ledger. */
  planId: attr.string().savedAs('pk'),
  /** 0: the progress record (or the ledger entry); 1..n: slices of the gzipped plan. */
  part: attr.number().savedAs('sk'),
  subjectId: attr.string().optional().meta({
    personalData: 'identifier',
    purpose: 'record and resume the erasure of a data subject, and re-apply it after a restore',
    subjectReference: true,
  }),
  /** Ledger entries: when an erasure of the subject last ran (started, or finished). */
  lastErasedAt: attr.date().optional(),
  /** Ledger entries: how many erasure runs of the subject were started. */
  erasures: attr.number().optional(),
  total: attr.number().optional(),
  done: attr.number().optional(),
  parts: attr.number().optional(),
  /** Fields left as they were because they held other values when their step ran: `step field`. */
  kept: attr.stringSet().optional(),
  /** Removal steps whose row was already gone. */
  missing: attr.numberSet().optional(),
  /** `superseded`: an unfinished run that reapplyErasures replaced by a new plan. */
  status: attr.literal('running', 'finished', 'superseded').optional(),
  /** Superseded runs: the id of the plan that replaced it. */
  supersededBy: attr.string().optional(),
  startedAt: attr.date().optional(),
  updatedAt: attr.date().optional(),
  finishedAt: attr.date().optional(),
  expiresAt: attr.date({ storage: 'epochSeconds' }).optional(),
  /**
   * A slice of the gzipped plan: the keys of the subject's rows and the values planned for
   * removal, the very data being erased. Personal; see `keeps.chunk` for how long it stays.
   */
  chunk: attr.binary().optional().meta({
    personalData: 'erasure-plan',
    purpose: 'resume an erasure run where it stopped, and re-plan the fields it kept',
  }),
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
  description: 'Progress and proof of erasure runs, and the ledger of erased subjects (dynamite).',
  erasure: {
    kind: 'none',
    justification:
      'Erasure bookkeeping: progress records and plan slices expire through TTL (slices are deleted when a run finishes without skips); the ledger keeps one entry per erased subject, with no other personal data, so erasures can be re-applied after a restore from backup.',
    keeps: {
      chunk:
        'the stored plan of a run (keys of the subject rows and the values planned for removal): deleted as soon as a run finishes with nothing kept; otherwise kept until its TTL, planRetentionDays (default 30) after the run started, for an unfinished run to resume and for a run that finished with skips to re-plan the kept fields (replanKept); a run that was superseded or abandoned keeps it until the same TTL. DynamoDB removes expired items within days of their TTL, not at once',
      subjectId:
        'the id of each erased subject, kept in the erasure ledger so that erasures are re-applied after data is restored from a backup (and with the counts of a run, as proof that it ran)',
    },
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
  if (record.status === 'superseded') {
    // Its slices were deleted when reapplyErasures planned the subject again.
    throw new DynamiteError(
      'request.invalid',
      `erasure plan ${record.planId} was superseded by plan ${record.supersededBy ?? '(unknown)'}, which reapplyErasures made from the data as it is now; resume or inspect that plan instead`,
    );
  }
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

/**
 * Marks a run finished and sets how long its record is kept. The plan slices are deleted,
 * except when fields were kept because they changed (the skips): then they stay until their
 * TTL, so the kept fields can be planned again from them.
 */
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
  if (parts > 0 && (record.kept?.size ?? 0) === 0) {
    await cp.batchWrite(
      Array.from({ length: parts }, (_, i) => ({ delete: { planId: record.planId, part: i + 1 } })),
    );
  }
}

/**
 * Marks an unfinished run superseded by a new plan of the same subject (so it is no longer
 * pending) and deletes its plan slices, which no resume will read now. A run that finished
 * meanwhile is left as it is.
 */
export async function supersedeCheckpoint(
  cp: CheckpointHandle,
  planId: string,
  by: string,
  retentionDays: number,
): Promise<boolean> {
  const now = new Date();
  let parts: number;
  try {
    const { item } = await cp.update(
      { planId, part: 0 },
      {
        set: {
          status: 'superseded',
          supersededBy: by,
          updatedAt: now,
          expiresAt: new Date(now.getTime() + retentionDays * DAY_MS),
        },
      },
      { if: (c) => c.eq('status', 'running') },
    );
    parts = item?.parts ?? 0;
  } catch (error) {
    if (error instanceof DynamiteError && error.code === 'condition.failed') return false;
    throw error;
  }
  if (parts > 0) {
    await cp.batchWrite(
      Array.from({ length: parts }, (_, i) => ({ delete: { planId, part: i + 1 } })),
    );
  }
  return true;
}

const LEDGER_PREFIX = 'subject#';

/** One subject in the erasure ledger. */
export interface LedgerEntry {
  readonly subjectId: string;
  /** When an erasure of the subject last ran (started or finished). */
  readonly lastErasedAt: Date;
  /** How many erasure runs of the subject were started. */
  readonly erasures: number;
}

/**
 * Records in the ledger that an erasure of the subject runs now: written before its first
 * step, and again when it finishes, so a restore to any moment during the run is covered.
 * The entry never expires and holds nothing but the subject id, times and a count.
 */
export async function recordErasure(
  cp: CheckpointHandle,
  subjectId: string,
  at: Date,
  started: boolean,
): Promise<void> {
  await cp.update(
    { planId: `${LEDGER_PREFIX}${subjectId}`, part: 0 },
    {
      set: { subjectId, lastErasedAt: at },
      ...(started ? { increment: { erasures: 1 } } : {}),
    },
    { upsert: true },
  );
}

/** Ledger entries whose erasure last ran at or after `since`, oldest first. */
export async function ledgerSince(
  cp: CheckpointHandle,
  since: Date | undefined,
): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for await (const item of cp.scanAll({
    filter: (c) =>
      since === undefined
        ? c.beginsWith('planId', LEDGER_PREFIX)
        : c.and(c.beginsWith('planId', LEDGER_PREFIX), c.ge('lastErasedAt', since)),
    consistentRead: true,
  })) {
    if (item.subjectId === undefined || item.lastErasedAt === undefined) continue;
    out.push({
      subjectId: item.subjectId,
      lastErasedAt: item.lastErasedAt,
      erasures: item.erasures ?? 0,
    });
  }
  return out.sort(
    (a, b) =>
      a.lastErasedAt.getTime() - b.lastErasedAt.getTime() ||
      (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
  );
}
