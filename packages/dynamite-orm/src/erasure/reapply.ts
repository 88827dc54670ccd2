import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { LedgerEntry } from './checkpoint.js';
import type { ErasureResult, ExecuteErasureOptions } from './execute.js';
import type { ErasurePlan } from './plan-types.js';

/** Options of `reapplyErasures`. */
export interface ReapplyOptions {
  /**
   * The point the data was restored to: every erasure that ran at or after it is planned and
   * run again (and every run that had not finished).
   */
  since: Date;
  /** Plan only: report what each erasure would write now, and write nothing. */
  dryRun?: boolean;
  /** Options for each run (batch size, signal, retention...). */
  execute?: ExecuteErasureOptions;
  /** Called (and awaited) after each subject, with its outcome. */
  onSubject?: (outcome: ReappliedErasure) => void | Promise<void>;
}

/** What re-applying one subject's erasure did. */
export interface ReappliedErasure {
  readonly subjectId: string;
  /** When the erasure had last run, per the ledger (absent for an unfinished run only). */
  readonly lastErasedAt?: Date;
  /** The new plan: its id and how many steps it found in the data as it is now. */
  readonly planId?: string;
  readonly steps: number;
  /** The run's result (absent in a dry run, or when it failed). */
  readonly result?: ErasureResult;
  /** Why it failed, when it did; the other subjects are still re-applied. */
  readonly error?: string;
  /** Unfinished runs of the subject the new plan replaced (marked `superseded`, no longer pending). */
  readonly superseded?: readonly string[];
}

/**
 * The outcome of re-applying erasures: `done` when every run finished with nothing kept,
 * `done-with-skips` when some kept fields that changed (see each result), `incomplete` when a
 * run stopped or failed, `planned` for a dry run.
 */
export interface ReapplyResult {
  readonly since: Date;
  readonly status: 'done' | 'done-with-skips' | 'incomplete' | 'planned';
  readonly subjects: readonly ReappliedErasure[];
  /** Subjects not reached because the signal fired; run again to re-apply them. */
  readonly notReached: readonly string[];
}

/** What re-applying needs: the ledger, and an eraser to plan, run and list pending runs. */
export interface ReapplySource {
  readonly ledger: (since: Date) => Promise<LedgerEntry[]>;
  readonly eraser: {
    planErasure(subjectId: string): Promise<ErasurePlan>;
    executeErasure(plan: ErasurePlan, options?: ExecuteErasureOptions): Promise<ErasureResult>;
    pendingErasures(): Promise<readonly { readonly subjectId: string; readonly planId?: string }[]>;
  };
  /** Marks an unfinished run replaced by the plan `by`; false when it was no longer running. */
  readonly supersede?: (planId: string, by: string) => Promise<boolean>;
}

function statusOf(subjects: readonly ReappliedErasure[], dryRun: boolean): ReapplyResult['status'] {
  if (subjects.some((s) => s.error !== undefined)) return 'incomplete';
  if (dryRun) return 'planned';
  if (subjects.some((s) => s.result?.status === 'stopped')) return 'incomplete';
  if (subjects.some((s) => s.result?.status === 'finished-with-skips')) return 'done-with-skips';
  return 'done';
}

/** Plans and runs again, one subject after the other, every erasure since a point in time. */
export async function reapplyOver(
  source: ReapplySource,
  options: ReapplyOptions,
): Promise<ReapplyResult> {
  const since = options?.since;
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) {
    throw new DynamiteError(
      'request.invalid',
      `reapplyErasures needs since: the Date the data was restored to, got ${describeValue(since)}`,
    );
  }
  const dryRun = options.dryRun === true;
  const entries = await source.ledger(since);
  const subjects = new Map<string, Date | undefined>(
    entries.map((e) => [e.subjectId, e.lastErasedAt]),
  );
  // Unfinished runs are re-planned from scratch; their old runs are superseded once the new
  // one has run, so pendingErasures stops listing them.
  const pending = new Map<string, string[]>();
  for (const run of await source.eraser.pendingErasures()) {
    if (!subjects.has(run.subjectId)) subjects.set(run.subjectId, undefined);
    if (run.planId !== undefined) {
      pending.set(run.subjectId, [...(pending.get(run.subjectId) ?? []), run.planId]);
    }
  }
  const outcomes: ReappliedErasure[] = [];
  for (const [subjectId, lastErasedAt] of subjects) {
    const at = lastErasedAt ? { lastErasedAt } : {};
    let outcome: ReappliedErasure;
    try {
      const plan = await source.eraser.planErasure(subjectId);
      const result = dryRun ? undefined : await source.eraser.executeErasure(plan, options.execute);
      const superseded: string[] = [];
      if (result && source.supersede) {
        for (const old of pending.get(subjectId) ?? []) {
          if (old !== plan.id && (await source.supersede(old, plan.id))) superseded.push(old);
        }
      }
      outcome = {
        subjectId,
        ...at,
        planId: plan.id,
        steps: plan.steps.length,
        ...(result ? { result } : {}),
        ...(superseded.length ? { superseded } : {}),
      };
    } catch (error) {
      outcome = {
        subjectId,
        ...at,
        steps: 0,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    outcomes.push(outcome);
    await options.onSubject?.(outcome);
    if (options.execute?.signal?.aborted) break;
  }
  const notReached = [...subjects.keys()].slice(outcomes.length);
  const status = notReached.length > 0 ? 'incomplete' : statusOf(outcomes, dryRun);
  return { since, status, subjects: outcomes, notReached };
}
