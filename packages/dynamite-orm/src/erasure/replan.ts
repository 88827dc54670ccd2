import type { TableClient } from '../define-table.js';
import type { SkippedStep } from './execute.js';
import { makePlan, valueAt } from './plan.js';
import type { ErasurePlan, RemoveStep } from './plan-types.js';

// biome-ignore lint/suspicious/noExplicitAny: the data tables are of every shape
type AnyTableClient = TableClient<any>;

/**
 * A new plan for the fields a run kept because they held other values than planned: each row
 * read again (consistently), and every kept field it still holds removed if it still holds
 * what is read now. Rows gone since, and fields gone since, need nothing.
 */
export async function replanKept(
  connections: ReadonlyMap<string, AnyTableClient>,
  actor: string,
  plan: ErasurePlan,
  skipped: readonly SkippedStep[],
): Promise<ErasurePlan> {
  const steps: RemoveStep[] = [];
  for (const skip of skipped) {
    if (skip.reason !== 'changed') continue;
    const step = plan.steps[skip.step];
    if (step?.action !== 'remove') continue;
    const connection = connections.get(step.table);
    if (!connection) continue;
    const row = (await connection
      .asSystem(actor)
      .get(step.key as never, { consistentRead: true, validation: 'lenient' })) as
      | Record<string, unknown>
      | undefined;
    if (row === undefined) continue;
    const fields = skip.fields.filter((field) => valueAt(row, field) !== undefined);
    if (fields.length === 0) continue;
    steps.push({
      action: 'remove',
      table: step.table,
      key: step.key,
      fields,
      expected: Object.fromEntries(fields.map((field) => [field, valueAt(row, field)])),
      path: step.path,
    });
  }
  return makePlan(plan.subjectId, plan.tables, steps);
}
