import { type AttestResult, reattestStoredGroups } from '@symval/attestation';
import { groupStoredRecords, type StoredGroup } from '@symval/records';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { plural } from '../format/index.js';
import { createResolverFromOptions, DNS_OPTIONS } from '../inputs/index.js';
import { parseIntegerOption } from '../inputs/numbers.js';
import { resolveTableName } from '../inputs/table.js';
import {
  applyGroupWrites,
  countWrites,
  emptyCounts,
  type GroupWrite,
  type OutcomeCounts,
  previewGroupOutcomes,
  type RecordOutcome,
} from '../records/apply-reattest.js';
import { explainReattestDecision, type ReattestDecision } from '../records/reattest-rule.js';
import {
  applyGroupWritesToFile,
  describeWriteTarget,
  dryRunTable,
  previewFileGroupOutcomes,
  type WriteTarget,
} from '../records/write-target.js';
import {
  chooseSource,
  describeSource,
  loadRecords,
  SOURCE_OPTIONS,
  sourceJson,
} from '../sources/records-source.js';

const HOUR_MS = 3_600_000;

/** One group's re-attestation, as reported. */
interface GroupReport {
  group: StoredGroup;
  result: AttestResult;
  decision: ReattestDecision;
  outcomes: RecordOutcome[];
}

const SKIPPED: readonly RecordOutcome[] = ['conflict', 'missing', 'no-rev'];

function exitCodeOf(reports: readonly GroupReport[]) {
  if (reports.some((report) => report.decision.status === 'invalid')) return ExitCode.negative;
  if (reports.some((report) => report.decision.status === 'indeterminate')) {
    return ExitCode.indeterminate;
  }
  return ExitCode.ok;
}

const OUTCOME_WORDS: Partial<Record<RecordOutcome, string>> = {
  conflict: 'skipped: its Rev changed since it was read (written by someone else)',
  missing: 'skipped: already gone',
  'no-rev': 'skipped: the source has no Rev for it (a Go-format snapshot), so no conditional write',
};

function formatReports(
  reports: readonly GroupReport[],
  counts: OutcomeCounts,
  target: WriteTarget | undefined,
  from: string,
  style: Style,
): string {
  const apply = target !== undefined;
  const colour = { update: style.green, delete: style.red, keep: style.yellow };
  const lines = [
    apply
      ? `Applied to ${describeWriteTarget(target)}: every write conditional on the Rev read.`
      : `${style.bold('Dry run')}: nothing was written.`,
    '',
  ];
  for (const report of reports) {
    const { group, decision } = report;
    lines.push(
      `${colour[decision.action](decision.action.padEnd(6))}  ${group.owners[0]}  ${group.types[0]}  ${group.hostnames.join(' ')}`,
      `        ${style.dim(decision.why)}`,
      `        ${style.dim(group.groupId)}`,
    );
    report.outcomes.forEach((outcome, index) => {
      const words = OUTCOME_WORDS[outcome];
      if (words) lines.push(`        ${style.yellow(group.records[index]!.hostname)} ${words}`);
    });
  }
  const statuses = { valid: 0, invalid: 0, indeterminate: 0 };
  for (const report of reports) statuses[report.decision.status]++;
  const skipped = SKIPPED.reduce((sum, outcome) => sum + counts[outcome], 0);
  lines.push(
    '',
    `${plural(reports.length, 'group')} from ${from}: ${statuses.valid} valid, ${statuses.invalid} invalid, ${statuses.indeterminate} indeterminate.`,
    apply
      ? `Records: ${counts.updated} updated, ${counts.deleted} deleted, ${skipped} skipped, ${counts.kept} kept.`
      : `Records: would update ${counts['would-update']}, would delete ${counts['would-delete']}, would skip ${skipped}, keep ${counts.kept}.`,
  );
  return lines.join('\n');
}

/** The dry run's last line: what was not written, and the flag (and store) that writes it. */
function dryRunLine(counts: OutcomeCounts, target: WriteTarget | undefined): string {
  const pending = counts['would-update'] + counts['would-delete'];
  const where = target
    ? describeWriteTarget(target)
    : 'the table named by --table or DOMAIN_TABLE_NAME';
  return pending === 0
    ? 'Nothing would be written.'
    : `Not written (dry run): ${plural(counts['would-update'], 'update')} and ${plural(counts['would-delete'], 'delete')}; pass --apply to write them to ${where}.`;
}

/** `symval reattest`: every stored group re-attested over DNS; writes only with `--apply`. */
export const reattestCommand = defineCommand({
  name: 'reattest',
  summary: 'Re-attest every stored group over DNS (dry run unless --apply), with progress',
  description: [
    'Reads the stored records (the snapshot by default, the table with --table, or a local',
    'records file with --file), groups them',
    'by group ID and re-attests each group over DNS, --concurrency at a time, as the daily batch',
    'does. The rule: a group valid as stored has its ValidateTime refreshed; an invalid group is',
    'deleted once its oldest ValidateTime is more than --grace-hours old, and kept before; an',
    'indeterminate group (a DNS lookup failed) is never deleted.',
    '',
    'Without --apply nothing is written (--dry-run says so explicitly): it prints what would be',
    'updated, deleted and kept. With --apply the writes go to the table (--table, else',
    'DOMAIN_TABLE_NAME), or to the --file read, each conditional on the Rev read: a record',
    'written by someone since, or already gone, is skipped. Records from a Go-format snapshot',
    '(no Rev) are skipped in a table; in a --file their condition is that they still have no',
    'Rev. A progress bar shows on a terminal.',
  ].join('\n'),
  options: {
    ...SOURCE_OPTIONS,
    apply: { type: 'boolean', description: 'Write the updates and deletes (default: a dry run)' },
    'dry-run': {
      type: 'boolean',
      description: 'Write nothing (the default; accepted as the Go CLI took it)',
    },
    'grace-hours': {
      type: 'string',
      value: '<hours>',
      description: 'Hours an invalid group is kept before deletion, 0 to 8760 (default 72)',
    },
    concurrency: {
      type: 'string',
      value: '<n>',
      description: 'Groups re-attested (and records written) at once, 1 to 1024 (default 8)',
    },
    ...DNS_OPTIONS,
  },
  operands: { name: 'none', description: 'no operands', min: 0, max: 0 },
  examples: [
    {
      command: 'symval reattest --snapshot s3://symval-site/records/domains.json',
      description: 'what the daily run would do now (dry run)',
    },
    {
      command:
        'DOMAIN_TABLE_NAME=symval-production-domains symval reattest --snapshot s3://symval-site/records/domains.json --apply --concurrency 32',
      description: 'do it: refresh, and delete what stayed invalid for 72 hours',
    },
    {
      command: 'symval reattest --table symval-dev-domains --dns-server 127.0.0.1:5353 --json',
      description: 'the table re-attested through a local DNS server, as JSON',
    },
    {
      command: 'symval reattest --file records.json --apply',
      description: 'a local records file re-attested and written back (no AWS)',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'every group is valid'],
    [
      ExitCode.negative,
      'some group is invalid (deleted past the grace period with --apply, else kept)',
    ],
    [
      ExitCode.usage,
      'a bad option, snapshot location, records file or table name; --apply without a table; --apply with --dry-run',
    ],
    [
      ExitCode.indeterminate,
      'no group is invalid but some are indeterminate (DNS failed); or reading or writing failed',
    ],
  ],
  async run({ options }, context) {
    const graceHours = parseIntegerOption('grace-hours', options['grace-hours'], {
      min: 0,
      max: 8760,
      default: 72,
      example: '--grace-hours 72',
    });
    const concurrency = parseIntegerOption('concurrency', options.concurrency, {
      min: 1,
      max: 1024,
      default: 8,
      example: '--concurrency 16',
    });
    const apply = options.apply === true;
    if (apply && options['dry-run']) {
      throw new CliError(
        'usage.conflicting-options',
        '--apply and --dry-run contradict each other',
        {
          hint: 'Without --apply it is a dry run already; add --apply to write.',
        },
      );
    }
    const source = chooseSource(options, context.env);
    const fileTarget: WriteTarget | undefined =
      source.kind === 'file' ? { kind: 'file', path: source.path } : undefined;
    const tableTarget: WriteTarget | undefined =
      fileTarget === undefined && apply
        ? { kind: 'table', table: resolveTableName(options.table, context.env, 'reattest --apply') }
        : undefined;
    const writeTarget = apply ? (fileTarget ?? tableTarget) : undefined;
    const resolver = createResolverFromOptions(options, context.env);

    const groups = groupStoredRecords(await loadRecords(source, context.env));
    const now = new Date();
    const graceMs = graceHours * HOUR_MS;
    const attesting = context.progress({ total: groups.length, label: 'reattest' });
    const verdicts = await reattestStoredGroups(groups, {
      resolver,
      concurrency,
      now,
      graceMs,
      onProgress: () => attesting.increment(),
    });
    attesting.finish();

    const writes: GroupWrite[] = verdicts.map(({ group, action, time }) => ({
      group,
      kind: action.kind,
      time,
    }));
    let outcomes: RecordOutcome[][];
    if (writeTarget !== undefined) {
      const writing = context.progress({ total: countWrites(writes), label: 'write' });
      outcomes =
        writeTarget.kind === 'file'
          ? await applyGroupWritesToFile(writeTarget.path, writes, writing)
          : await applyGroupWrites(writes, {
              tableName: writeTarget.table,
              env: context.env,
              concurrency,
              progress: writing,
            });
      writing.finish();
    } else {
      outcomes = fileTarget ? previewFileGroupOutcomes(writes) : previewGroupOutcomes(writes);
    }
    const reports: GroupReport[] = verdicts.map((verdict, index) => ({
      group: verdict.group,
      result: verdict.result,
      decision: explainReattestDecision(verdict, graceMs),
      outcomes: outcomes[index]!,
    }));
    const counts = emptyCounts();
    for (const report of reports) for (const outcome of report.outcomes) counts[outcome]++;
    const withoutRev = counts['no-rev'];
    const warnings =
      withoutRev > 0
        ? [
            `${plural(withoutRev, 'record')} to write had no Rev (a snapshot in the Go format), so no conditional write is possible; read the table with --table instead`,
          ]
        : [];
    const from = describeSource(source);

    return {
      exitCode: exitCodeOf(reports),
      warnings,
      json: {
        mode: apply ? 'apply' : 'dry-run',
        source: sourceJson(source),
        table: writeTarget?.kind === 'table' ? writeTarget.table : null,
        file: writeTarget?.kind === 'file' ? writeTarget.path : null,
        graceHours,
        concurrency,
        now: now.toISOString(),
        summary: {
          groups: reports.length,
          valid: reports.filter((r) => r.decision.status === 'valid').length,
          invalid: reports.filter((r) => r.decision.status === 'invalid').length,
          indeterminate: reports.filter((r) => r.decision.status === 'indeterminate').length,
          records: counts,
          skipped: SKIPPED.reduce((sum, outcome) => sum + counts[outcome], 0),
        },
        groups: reports.map((report) => ({
          groupId: report.group.groupId,
          owner: report.group.owners[0],
          type: report.group.types[0],
          hostnames: report.group.hostnames,
          status: report.decision.status,
          action: report.decision.action,
          why: report.decision.why,
          deletableAfter: report.decision.deletableAfter?.toISOString() ?? null,
          reasons: report.result.reasons,
          records: report.group.records.map((record, index) => ({
            hostname: record.hostname,
            rev: record.rev ?? null,
            validateTime: record.validateTime.toISOString(),
            outcome: report.outcomes[index],
          })),
        })),
        warnings,
      },
      human: (style) =>
        apply
          ? formatReports(reports, counts, writeTarget, from, style)
          : `${formatReports(reports, counts, undefined, from, style)}\n${dryRunLine(counts, fileTarget ?? dryRunTable(options.table, context.env))}`,
    };
  },
});
