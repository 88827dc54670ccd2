import { type Connected, type SkippedStep, stepNode } from './execute.js';
import { makePlan, valueAt } from './plan.js';
import type { ErasurePlan, RemoveStep } from './plan-types.js';
import { isOwnRow, rowItem, storedKeyOf } from './rows.js';

/**
 * A new plan for the fields a run kept because they held other values than planned: each row
 * read again (consistently), and every kept field it still holds removed if it still holds
 * what is read now. Rows gone since, and fields gone since, need nothing.
 */
export async function replanKept(
  connections: ReadonlyMap<string, Connected>,
  actor: string,
  plan: ErasurePlan,
  skipped: readonly SkippedStep[],
): Promise<ErasurePlan> {
  const steps: RemoveStep[] = [];
  for (const skip of skipped) {
    if (skip.reason !== 'changed') continue;
    const step = plan.steps[skip.step];
    if (step?.action !== 'remove') continue;
    const connection = connections.get(stepNode(step));
    if (!connection) continue;
    const stored = (await connection.client
      .asSystem(actor)
      .get(storedKeyOf(connection.node, step.key) as never, {
        consistentRead: true,
        validation: 'lenient',
      })) as Record<string, unknown> | undefined;
    if (stored === undefined || !isOwnRow(connection.node, stored)) continue;
    const row = rowItem(connection.node, stored);
    const fields = skip.fields.filter((field) => valueAt(row, field) !== undefined);
    if (fields.length === 0) continue;
    steps.push({
      action: 'remove',
      table: step.table,
      ...(step.entity !== undefined ? { entity: step.entity } : {}),
      key: step.key,
      fields,
      expected: Object.fromEntries(fields.map((field) => [field, valueAt(row, field)])),
      path: step.path,
    });
  }
  return makePlan(plan.subjectId, plan.tables, steps);
}
