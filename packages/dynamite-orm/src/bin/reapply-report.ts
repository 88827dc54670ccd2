import type { ReapplyResult } from '../erasure/reapply.js';

/** Exit codes of `dynamite reapply-erasures`, by the outcome. */
export const REAPPLY_EXIT = { done: 0, planned: 0, incomplete: 1, 'done-with-skips': 2 } as const;

const LABEL = {
  done: 'DONE',
  planned: 'PLANNED (dry run: nothing was written)',
  incomplete: 'INCOMPLETE',
  'done-with-skips': 'DONE, WITH FIELDS KEPT (review)',
} as const;

/** What re-applying erasures did, for a terminal or a CI log. */
export function formatReapply(result: ReapplyResult): string {
  const failed = result.subjects.filter((s) => s.error !== undefined).length;
  const lines = [
    `reapply-erasures: ${LABEL[result.status]} (${result.subjects.length} subject${result.subjects.length === 1 ? '' : 's'} erased since ${result.since.toISOString()}, ${failed} failed)`,
  ];
  for (const s of result.subjects) {
    const what = s.error
      ? `FAILED: ${s.error}`
      : s.result
        ? `${s.result.status}, ${s.result.done} of ${s.result.total} steps (plan ${s.planId})`
        : `${s.steps} step${s.steps === 1 ? '' : 's'} to write (plan ${s.planId})`;
    lines.push(`  ${s.subjectId}: ${what}`);
    for (const skip of s.result?.skipped ?? []) {
      if (skip.reason === 'changed') {
        lines.push(
          `    kept ${skip.fields.join(', ')} of step ${skip.step}${skip.table ? ` (${skip.entity ? `${skip.table}/${skip.entity}` : skip.table})` : ''}: changed after planning; plan them with replanSkipped`,
        );
      }
    }
  }
  for (const subject of result.notReached) lines.push(`  ${subject}: not reached (stopped)`);
  return `${lines.join('\n')}\n`;
}
