import type { ErasurePlan, ErasureResult } from '@symval/records';
import { withAwsErrors } from '../aws/errors.js';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Env } from '../cli/io.js';
import { createStyle, type Style } from '../cli/style.js';
import { plural } from '../format/index.js';
import { resolveTableName, TABLE_OPTION } from '../inputs/table.js';
import { connectRecordsTable } from '../records/connection.js';
import { createRecordsEraser, ensureCheckpointTable } from '../records/eraser.js';

function checkpointTableName(value: string | undefined, env: Env, table: string): string {
  const name = value ?? (env.ERASURE_CHECKPOINT_TABLE_NAME || `${table}-erasure-checkpoints`);
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
    throw new CliError(
      'input.table',
      `the checkpoint table must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), received ${JSON.stringify(name)}`,
      { hint: 'Pass --checkpoint-table <name> or set ERASURE_CHECKPOINT_TABLE_NAME.' },
    );
  }
  return name;
}

function stepKey(step: ErasurePlan['steps'][number]): string {
  return Object.values(step.key).map(String).join(' ');
}

function formatPlan(plan: ErasurePlan, owner: string, table: string, style: Style): string {
  if (plan.steps.length === 0) {
    return `Nothing to erase: table ${table} has no record of owner ${JSON.stringify(owner)} (the owner must match exactly; 'symval show --owner' lists what there is).`;
  }
  const lines = [
    `${style.bold('Erasure plan')} ${plan.id} for owner ${JSON.stringify(owner)} in table ${table}:`,
  ];
  for (const step of plan.steps) {
    const what = step.action === 'remove' ? `remove ${step.fields.join(', ')}` : step.action;
    lines.push(`  ${style.red(what.padEnd(6))}  ${step.table}  ${stepKey(step)}`);
  }
  const deletes = plan.steps.filter((step) => step.action === 'delete').length;
  lines.push(
    `${plural(deletes, 'record')} to delete: every record of the owner, found through the byOwner index.`,
  );
  return lines.join('\n');
}

function formatResult(result: ErasureResult, style: Style): string {
  if (result.status === 'stopped') {
    return `${style.yellow('Stopped')} after ${result.done} of ${result.total} steps; run the same command again to finish.`;
  }
  if (result.status === 'finished-with-skips') {
    return `${style.yellow('Erased, but fields were kept')}: ${result.done} of ${result.total} steps done; ${plural(result.skipped.filter((s) => s.reason === 'changed').length, 'step')} found values changed since planning and left them. Run the command again to plan what is there now.`;
  }
  const resumed = result.resumedFrom > 0 ? ` (${result.resumedFrom} done by an earlier run)` : '';
  return `${style.green('Erased')}: ${result.done} of ${result.total} steps done${resumed} in ${plural(result.transactions, 'transaction')}. The public snapshot drops the records once the streamer has processed the deletes.`;
}

/** `symval erase-owner`: dynamite's erasure of one owner's records, after confirmation. */
export const eraseOwnerCommand = defineCommand({
  name: 'erase-owner',
  summary: 'Erase every record of an owner, after showing the plan and asking',
  description: [
    "Erases an owner's data (a data subject's erasure request) with dynamite's eraser over the",
    'records table: the owner is the subject, and every record of theirs is found through the',
    "table's byOwner index and deleted. The plan (every delete) is printed first; it runs only",
    'after you confirm on the terminal, or with --yes; --plan prints it and stops.',
    '',
    'Progress is kept in a checkpoint table (--checkpoint-table, else',
    'ERASURE_CHECKPOINT_TABLE_NAME, else <table>-erasure-checkpoints; --create-checkpoint-table',
    'creates it when missing), so a run that stops part-way finishes when run again. The owner',
    'must match exactly as stored.',
  ].join('\n'),
  options: {
    ...TABLE_OPTION,
    'checkpoint-table': {
      type: 'string',
      value: '<name>',
      description: 'The erasure checkpoint table (default <table>-erasure-checkpoints)',
    },
    'create-checkpoint-table': {
      type: 'boolean',
      description: 'Create the checkpoint table first if it does not exist',
    },
    plan: { type: 'boolean', description: 'Print the plan only; erase nothing' },
    yes: { type: 'boolean', short: 'y', description: 'Erase without asking' },
  },
  operands: { name: 'owner', description: 'the owner, exactly as stored', min: 1, max: 1 },
  examples: [
    {
      command: 'symval erase-owner --table symval-dev-domains https://me.example --plan',
      description: 'what erasing this owner would delete',
    },
    {
      command:
        'symval erase-owner --table symval-dev-domains --create-checkpoint-table https://me.example',
      description: 'erase after confirming on the terminal',
    },
    {
      command:
        'DOMAIN_TABLE_NAME=symval-production-domains symval erase-owner https://me.example --yes --json',
      description: 'erase without asking; the plan and the result as JSON',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'erased (or nothing stored for the owner, or --plan)'],
    [
      ExitCode.negative,
      'not erased: the confirmation was declined, the run stopped part-way, or fields that changed since planning were kept',
    ],
    [
      ExitCode.usage,
      'a bad option or table name; no --yes and no terminal to ask on; the checkpoint table is missing',
    ],
    [ExitCode.indeterminate, 'DynamoDB failed (network, AWS); run again: the erasure resumes'],
  ],
  async run({ options, operands }, context) {
    const owner = operands[0]!;
    if (owner.length === 0) {
      throw new CliError('input.owner', 'the owner must not be empty', {
        hint: "Give the owner exactly as stored, e.g. 'symval erase-owner https://me.example'.",
      });
    }
    if (options.plan && options.yes) {
      throw new CliError('usage.conflicting-options', '--plan and --yes contradict each other', {
        hint: 'Use --plan to look, then --yes to erase.',
      });
    }
    const tableName = resolveTableName(options.table, context.env, 'erase-owner');
    const checkpointTable = checkpointTableName(
      options['checkpoint-table'],
      context.env,
      tableName,
    );
    const table = connectRecordsTable(tableName, context.env);
    try {
      const { eraser } = createRecordsEraser(table, checkpointTable);
      const plan = await withAwsErrors(table.target, () => eraser.planErasure(owner));
      const base = {
        owner,
        table: tableName,
        checkpointTable,
        plan: { id: plan.id, tables: plan.tables, steps: plan.steps },
      };
      const planOnly = (executed: false, reason: string, exitCode: ExitCode) => ({
        exitCode,
        json: { ...base, executed, reason, result: null },
        human: (style: Style) => `${formatPlan(plan, owner, tableName, style)}\n${reason}`,
      });
      if (plan.steps.length === 0) {
        return {
          exitCode: ExitCode.ok,
          json: { ...base, executed: false, reason: 'nothing to erase', result: null },
          human: (style: Style) => formatPlan(plan, owner, tableName, style),
        };
      }
      if (options.plan)
        return planOnly(false, 'Plan only (--plan): nothing was erased.', ExitCode.ok);
      // Asked on the terminal, the plan is already on screen; the result is printed alone.
      const asked = !options.yes;
      if (asked) {
        context.note(formatPlan(plan, owner, tableName, createStyle(false)));
        const question = `Erase ${plural(plan.steps.length, 'record')} of ${JSON.stringify(owner)} from table ${tableName}?`;
        if (!(await context.confirm(question))) {
          return planOnly(false, 'Not erased: the erasure was not confirmed.', ExitCode.negative);
        }
      }
      if (options['create-checkpoint-table']) await ensureCheckpointTable(table, checkpointTable);
      const progress = context.progress({ total: plan.steps.length, label: 'erase' });
      const result = await withAwsErrors(
        {
          what: `erasure (tables "${tableName}" and "${checkpointTable}")`,
          where: table.target.where,
          fix: 'Check --table and --checkpoint-table (or pass --create-checkpoint-table)',
        },
        () => eraser.executeErasure(plan, { onProgress: ({ done }) => progress.update(done) }),
      );
      progress.finish();
      return {
        exitCode: result.status === 'finished' ? ExitCode.ok : ExitCode.negative,
        json: { ...base, executed: true, result },
        human: (style: Style) =>
          asked
            ? formatResult(result, style)
            : `${formatPlan(plan, owner, tableName, style)}\n\n${formatResult(result, style)}`,
      };
    } finally {
      table.close();
    }
  },
});
