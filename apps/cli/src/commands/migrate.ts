import type { StoredRecord } from '@symval/records';
import {
  approximateItemCount,
  auditStoredItems,
  migrationViewer,
  type StoredItemAudit,
  storedRecordFromSnapshot,
} from '@symval/records';
import type { SnapshotRead } from '@symval/records/snapshot';
import { withAwsErrors } from '../aws/errors.js';
import { defineCommand } from '../cli/command.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { plural } from '../format/index.js';
import { parseIntegerOption } from '../inputs/numbers.js';
import { resolveTableName, TABLE_OPTION } from '../inputs/table.js';
import { connectRecordsTable } from '../records/connection.js';
import {
  countFindings,
  crossCheck,
  type MigrateRecordReport,
  reportSnapshotEntries,
  reportTableItems,
} from '../records/migrate-report.js';
import {
  describeRejected,
  describeSnapshotLocation,
  loadSnapshot,
  parseSnapshotLocation,
  type SnapshotLocation,
} from '../sources/snapshot.js';

/** What `--apply` did to one record without Rev. */
type RevOutcome = 'added' | 'versioned' | 'missing';

/** What `--apply` did. */
type ApplyOutcome =
  | { status: 'dry-run'; wouldAdd: number }
  | { status: 'done'; added: number; versioned: number; missing: number };

/** The tolerant read's good entries with their index in the file (the rejected ones fill the gaps). */
function indexedEntries(read: SnapshotRead) {
  const left = new Set(read.rejected.map((problem) => problem.index));
  const entries: { index: number; record: StoredRecord; revMissing: boolean }[] = [];
  let index = 0;
  for (const entry of read.records) {
    while (left.has(index)) index++;
    entries.push({
      index: index++,
      record: storedRecordFromSnapshot(entry),
      revMissing: entry.Rev === undefined,
    });
  }
  return { records: entries, rejected: read.rejected };
}

// A pull loop: `concurrency` workers take the next record; an error stops new writes.
async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function formatRecord(report: MigrateRecordReport, style: Style): string[] {
  const where = report.source === 'snapshot' ? `snapshot entry ${report.index}` : `table item`;
  const name = report.hostname === null ? '' : `  ${report.hostname}`;
  const lines = [`${style.red('problem')}  ${where}${name}`];
  if (report.groupId) lines.push(`         ${style.dim(report.groupId)}`);
  for (const found of report.findings) {
    const text = `${found.code}: ${found.message}`;
    lines.push(found.severity === 'problem' ? `  - ${text}` : `  ${style.dim(`· ${text}`)}`);
  }
  return lines;
}

function countsLine(counts: Partial<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([code, count]) => `${code} ${count}`);
  return parts.length === 0 ? 'nothing to report' : parts.join(', ');
}

/** `symval migrate`: what of the existing club's data symval reads and keeps, record by record. */
export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Report on an existing table (and snapshot) record by record; --apply adds missing Revs',
  description: [
    "Reads every item of the records table (the existing club's table, adopted) and, with",
    '--snapshot, a snapshot file, URL or s3:// object, and reports per record: whether it reads,',
    'a missing Rev, a hostname not in normal form, a group ID not made from the stored fields',
    '(as stored or normalised), an unknown type code, a hostname stored under two owners, and',
    'whether table and snapshot list the same records. Notes are shapes symval reads and keeps',
    'as they are; problems need an operator. Nothing is ever deleted or normalised.',
    '',
    'Without --apply nothing is written. With --apply every item without Rev gets Rev 1, each',
    'write conditional on Rev being still absent when DynamoDB makes it; nothing else changes.',
    'A progress bar shows on a terminal.',
  ].join('\n'),
  options: {
    ...TABLE_OPTION,
    snapshot: {
      type: 'string',
      value: '<file|url|s3://bucket/key>',
      description: 'Also check this snapshot, and that it lists what the table holds',
    },
    apply: { type: 'boolean', description: 'Give Rev 1 to items without one (default: a dry run)' },
    concurrency: {
      type: 'string',
      value: '<n>',
      description: 'Writes in flight with --apply, 1 to 1024 (default 8)',
    },
  },
  operands: { name: 'none', description: 'no operands', min: 0, max: 0 },
  examples: [
    {
      command:
        'symval migrate --table suns-domains --snapshot https://suns.bz/records/domains.json',
      description: 'what the adopted table and the published snapshot hold (dry run)',
    },
    {
      command: 'symval migrate --table suns-domains --apply --json',
      description: 'give items without Rev a Rev of 1, and report as JSON',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'every record reads and needs nothing of an operator (notes only)'],
    [ExitCode.negative, 'some record has a problem (it is kept; see the report)'],
    [ExitCode.usage, 'a bad option, table name or snapshot location'],
    [ExitCode.indeterminate, 'the table or the snapshot could not be read, or a write failed'],
  ],
  async run({ options }, context) {
    const concurrency = parseIntegerOption('concurrency', options.concurrency, {
      min: 1,
      max: 1024,
      default: 8,
      example: '--concurrency 8',
    });
    const tableName = resolveTableName(options.table, context.env, 'migrate');
    const location: SnapshotLocation | undefined =
      options.snapshot === undefined ? undefined : parseSnapshotLocation(options.snapshot);
    const apply = options.apply === true;

    const snapshot = location ? await loadSnapshot(location, context.env) : undefined;
    const table = connectRecordsTable(tableName, context.env);
    let items: StoredItemAudit[];
    let outcome: ApplyOutcome;
    const revOutcomes = new Map<StoredItemAudit, RevOutcome>();
    try {
      items = await withAwsErrors(table.target, async () => {
        const estimate = await approximateItemCount(table.records);
        const reading = context.progress({ total: estimate, label: 'read' });
        const read: StoredItemAudit[] = [];
        for await (const item of auditStoredItems(table.records)) {
          read.push(item);
          reading.increment();
        }
        reading.finish();
        return read;
      });
      // Only items that read as records: a write returns the item, and one the schema refuses
      // (an unknown type code) is an operator's to look at first.
      const unversioned = items.filter((item) => item.revMissing && item.record !== undefined);
      if (apply) {
        const writing = context.progress({ total: unversioned.length, label: 'add Rev' });
        const migrate = table.records.as(migrationViewer());
        await withAwsErrors(table.target, () =>
          forEachBounded(unversioned, concurrency, async (item) => {
            const result = await migrate.addMissingRev({
              groupId: item.record!.groupId,
              hostname: item.record!.hostname,
            });
            revOutcomes.set(item, result.status);
            writing.increment();
          }),
        );
        writing.finish();
        const counts = { added: 0, versioned: 0, missing: 0 };
        for (const status of revOutcomes.values()) counts[status]++;
        outcome = { status: 'done', ...counts };
      } else {
        outcome = { status: 'dry-run', wouldAdd: unversioned.length };
      }
    } finally {
      table.close();
    }

    const tableReports = reportTableItems(items);
    const snapshotReports = snapshot ? reportSnapshotEntries(indexedEntries(snapshot)) : [];
    if (snapshot) crossCheck(tableReports, snapshotReports);
    const all = [...tableReports, ...snapshotReports];
    const withProblems = all.filter((r) => r.findings.some((f) => f.severity === 'problem'));
    const groups = new Set(tableReports.map((r) => r.groupId)).size;
    // What was read: the sharded layout's index when one stood beside the whole file given.
    const from = snapshot
      ? describeSnapshotLocation(snapshot.origin.location)
      : location
        ? describeSnapshotLocation(location)
        : null;
    const rejected = snapshot ? describeRejected(snapshot.rejected) : undefined;
    const unversionedItems = items.filter((item) => item.revMissing && item.record);

    return {
      exitCode: withProblems.length > 0 ? ExitCode.negative : ExitCode.ok,
      json: {
        mode: apply ? 'apply' : 'dry-run',
        table: tableName,
        snapshot: from,
        summary: {
          tableRecords: tableReports.length,
          groups,
          unreadable: tableReports.filter((r) => !r.decodes).length,
          snapshotEntries: snapshotReports.length,
          recordsWithProblems: withProblems.length,
          table: countFindings(tableReports),
          snapshotFindings: countFindings(snapshotReports),
        },
        apply: outcome,
        records: all.map((report, index) => ({
          ...report,
          ...(report.source === 'table' && revOutcomes.size > 0
            ? { revOutcome: revOutcomes.get(items[index]!) ?? null }
            : {}),
        })),
      },
      human: (style) => {
        const lines = [
          apply
            ? 'Applied: Rev given only where it was still absent; nothing deleted or normalised.'
            : `${style.bold('Dry run')}: nothing was written (pass --apply to give items without Rev a Rev of 1).`,
          '',
        ];
        for (const report of withProblems) lines.push(...formatRecord(report, style));
        if (withProblems.length > 0) lines.push('');
        lines.push(
          `Table ${tableName}: ${plural(tableReports.length, 'record')} in ${plural(groups, 'group')}: ${countsLine(countFindings(tableReports))}.`,
        );
        if (from) {
          lines.push(
            `Snapshot ${from}: ${plural(snapshotReports.length, 'entry', 'entries')}${rejected ? `, ${rejected}` : ''}: ${countsLine(countFindings(snapshotReports))}.`,
          );
        }
        if (outcome.status === 'done') {
          lines.push(
            `Rev added to ${plural(outcome.added, 'record')}; ${outcome.versioned} had one by then, ${outcome.missing} were gone.`,
          );
        } else if (outcome.wouldAdd > 0) {
          lines.push(
            `Not written: ${plural(unversionedItems.length, 'record')} without Rev would get Rev 1 (conditionally); pass --apply to write them.`,
          );
        }
        lines.push(
          withProblems.length === 0
            ? style.green('Nothing needs an operator.')
            : style.red(
                `${plural(withProblems.length, 'record')} with a problem: kept, see above.`,
              ),
        );
        return lines.join('\n');
      },
    };
  },
});
