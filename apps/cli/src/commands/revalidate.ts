import { groupStoredRecords, type StoredGroup } from '@symval/records';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { createStyle, type Style } from '../cli/style.js';
import { plural } from '../format/index.js';
import { parseIntegerOption } from '../inputs/numbers.js';
import { resolveTableName } from '../inputs/table.js';
import { applyGroupWrites, type RecordOutcome } from '../records/apply-reattest.js';
import { checkStoredGroup, type GroupProblem } from '../records/check-group.js';
import {
  applyGroupWritesToFile,
  describeWriteTarget,
  dryRunTable,
  type WriteTarget,
} from '../records/write-target.js';
import {
  chooseSource,
  describeSource,
  loadRecords,
  SOURCE_OPTIONS,
  sourceJson,
} from '../sources/records-source.js';

interface InvalidGroup {
  group: StoredGroup;
  problems: GroupProblem[];
  /** Per record, when --drop ran. */
  outcomes?: RecordOutcome[];
}

/** What `--drop` did. */
type DropOutcome =
  | { status: 'not-asked' }
  | { status: 'declined' }
  | { status: 'done'; deleted: number; skipped: number };

const SKIP_WORDS: Partial<Record<RecordOutcome, string>> = {
  conflict: 'not deleted: its Rev changed since it was read',
  missing: 'not deleted: already gone',
  'no-rev': 'not deleted: the source has no Rev for it (a Go-format snapshot)',
};

function formatInvalid(invalid: readonly InvalidGroup[], style: Style): string[] {
  const lines: string[] = [];
  for (const { group, problems, outcomes } of invalid) {
    lines.push(
      `${style.red('invalid')}  ${group.groupId}`,
      `         ${group.owners.join(', ')}  ${group.types.join(', ')}  ${group.hostnames.join(' ')}`,
    );
    for (const problem of problems) lines.push(`  - ${problem.code}: ${problem.message}`);
    outcomes?.forEach((outcome, index) => {
      const words = SKIP_WORDS[outcome];
      if (words) lines.push(`  ${style.yellow(group.records[index]!.hostname)} ${words}`);
    });
  }
  return lines;
}

function dropSummary(
  drop: DropOutcome,
  target: WriteTarget | undefined,
  dryRunTarget: WriteTarget | undefined,
  records: number,
): string {
  if (drop.status === 'declined') return 'Not dropped: the deletion was not confirmed.';
  if (drop.status === 'done') {
    return `Dropped from ${target ? describeWriteTarget(target) : 'the store'}: ${plural(drop.deleted, 'record')} deleted, ${drop.skipped} skipped.`;
  }
  if (records === 0) return '';
  const where = dryRunTarget
    ? describeWriteTarget(dryRunTarget)
    : 'the table named by --table or DOMAIN_TABLE_NAME';
  return `Not deleted (dry run): ${plural(records, 'record')}; pass --drop to delete them from ${where}, each conditional on its Rev.`;
}

/** `symval revalidate`: stored records checked offline, invalid groups optionally dropped. */
export const revalidateCommand = defineCommand({
  name: 'revalidate',
  summary: 'Check stored records offline: IDs recomputed, symmetry valid (--drop deletes)',
  description: [
    'Checks the stored records without DNS (the snapshot by default, the table with --table,',
    'or a local records file with --file): per group ID, every record must name the same owner',
    'and type, hostnames must be',
    'in normal form, the group ID recomputed from the records (owner, type, hostnames) must be',
    "the stored one, and the hostnames must have the type's symmetry. It prints each invalid",
    'group and its problems. DNS claims are not checked: that is `symval reattest`.',
    '',
    'With --drop the records of invalid groups are deleted from the table (--table, else',
    'DOMAIN_TABLE_NAME) or from the --file read, each conditional on the Rev read, after a',
    'confirmation on the terminal or with --yes. Without --drop nothing is deleted (--dry-run',
    'says so explicitly).',
  ].join('\n'),
  options: {
    ...SOURCE_OPTIONS,
    drop: { type: 'boolean', description: 'Delete the records of invalid groups (asks first)' },
    'dry-run': {
      type: 'boolean',
      description: 'Delete nothing (the default; accepted as the Go CLI took it)',
    },
    yes: { type: 'boolean', short: 'y', description: 'Do not ask before --drop deletes' },
    concurrency: {
      type: 'string',
      value: '<n>',
      description: 'Records deleted at once with --drop, 1 to 1024 (default 8)',
    },
  },
  operands: { name: 'none', description: 'no operands', min: 0, max: 0 },
  examples: [
    {
      command: 'symval revalidate --snapshot s3://symval-site/records/domains.json',
      description: 'check the published snapshot',
    },
    {
      command: 'symval revalidate --table symval-dev-domains --drop --yes',
      description: 'check the table and delete invalid groups without asking',
    },
    {
      command: 'symval revalidate --file records.json --drop',
      description: 'check a local records file and delete its invalid groups, after asking',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'every stored group is sound'],
    [
      ExitCode.negative,
      'some group is invalid (deleted with --drop, or the deletion was declined)',
    ],
    [
      ExitCode.usage,
      'a bad option or source; --drop without a table, or without --yes and no terminal to ask on; --drop with --dry-run',
    ],
    [ExitCode.indeterminate, 'the records could not be read or deleted (network, AWS); try again'],
  ],
  async run({ options }, context) {
    const concurrency = parseIntegerOption('concurrency', options.concurrency, {
      min: 1,
      max: 1024,
      default: 8,
      example: '--concurrency 8',
    });
    if (options.drop && options['dry-run']) {
      throw new CliError(
        'usage.conflicting-options',
        '--drop and --dry-run contradict each other',
        {
          hint: 'Without --drop nothing is deleted already; add --drop to delete.',
        },
      );
    }
    const source = chooseSource(options, context.env);
    const fileTarget: WriteTarget | undefined =
      source.kind === 'file' ? { kind: 'file', path: source.path } : undefined;
    const target: WriteTarget | undefined = !options.drop
      ? undefined
      : (fileTarget ?? {
          kind: 'table',
          table: resolveTableName(options.table, context.env, 'revalidate --drop'),
        });
    const records = await loadRecords(source, context.env);
    const groups = groupStoredRecords(records);
    const invalid: InvalidGroup[] = groups
      .map((group) => ({ group, problems: checkStoredGroup(group) }))
      .filter((entry) => entry.problems.length > 0);
    const doomed = invalid.flatMap((entry) => entry.group.records);

    let drop: DropOutcome = { status: 'not-asked' };
    // Asked on the terminal, the invalid groups are already on screen above the question.
    let asked = false;
    if (target !== undefined && doomed.length > 0) {
      const question = `Delete ${plural(doomed.length, 'record')} of ${plural(invalid.length, 'invalid group')} from ${describeWriteTarget(target)}?`;
      let confirmed = options.yes === true;
      asked = !confirmed;
      if (asked) {
        // The plan goes to stderr before the question, plain: it may be another terminal.
        context.note(formatInvalid(invalid, createStyle(false)).join('\n'));
        confirmed = await context.confirm(question);
      }
      if (!confirmed) {
        drop = { status: 'declined' };
      } else {
        const progress = context.progress({ total: doomed.length, label: 'drop' });
        const deletes = invalid.map((entry) => ({ group: entry.group, kind: 'delete' as const }));
        const outcomes =
          target.kind === 'file'
            ? await applyGroupWritesToFile(target.path, deletes, progress)
            : await applyGroupWrites(deletes, {
                tableName: target.table,
                env: context.env,
                concurrency,
                progress,
              });
        progress.finish();
        invalid.forEach((entry, index) => {
          entry.outcomes = outcomes[index];
        });
        const all = outcomes.flat();
        const deleted = all.filter((outcome) => outcome === 'deleted').length;
        drop = { status: 'done', deleted, skipped: all.length - deleted };
      }
    }

    const from = describeSource(source);
    return {
      exitCode: invalid.length > 0 ? ExitCode.negative : ExitCode.ok,
      json: {
        source: sourceJson(source),
        table: target?.kind === 'table' ? target.table : null,
        file: target?.kind === 'file' ? target.path : null,
        checked: { groups: groups.length, records: records.length },
        invalidGroups: invalid.length,
        groups: invalid.map(({ group, problems, outcomes }) => ({
          groupId: group.groupId,
          owners: group.owners,
          types: group.types,
          hostnames: group.hostnames,
          problems,
          records: group.records.map((record, index) => ({
            hostname: record.hostname,
            rev: record.rev ?? null,
            ...(outcomes ? { outcome: outcomes[index] } : {}),
          })),
        })),
        drop,
      },
      human: (style) =>
        [
          ...(asked ? [] : formatInvalid(invalid, style)),
          ...(invalid.length > 0 && !asked ? [''] : []),
          `${plural(groups.length, 'group')} (${plural(records.length, 'record')}) checked from ${from}: ${invalid.length === 0 ? style.green('all sound') : style.red(`${invalid.length} invalid`)}.`,
          dropSummary(
            drop,
            target,
            fileTarget ?? dryRunTable(options.table, context.env),
            doomed.length,
          ),
        ]
          .filter((line, index, all) => line !== '' || index < all.length - 1)
          .join('\n'),
    };
  },
});
