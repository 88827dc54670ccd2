import { resolveSymmetryType } from '@symval/attestation';
import { normalizeHostname } from '@symval/groupid';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Style } from '../cli/style.js';
import { formatTable, plural } from '../format/index.js';
import { resolveTypeOption } from '../inputs/index.js';
import { recordJson, type StoredRecord } from '../records/stored-record.js';
import {
  chooseSource,
  describeSource,
  loadRecords,
  SOURCE_OPTIONS,
  sourceJson,
} from '../sources/records-source.js';

const SORT_KEYS = ['owner', 'domain', 'group', 'type', 'validated'] as const;
type SortKey = (typeof SORT_KEYS)[number];

/** The Go CLI's name for `validated`, which sorted the newest first: kept with that order. */
const GO_VALIDATE_TIME = 'validate-time';

const FORMATS = ['compact', 'detailed'] as const;
type Format = (typeof FORMATS)[number];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const PRIMARY: Record<SortKey, (a: StoredRecord, b: StoredRecord) => number> = {
  owner: (a, b) => compareText(a.owner, b.owner),
  domain: (a, b) => compareText(a.hostname, b.hostname),
  group: (a, b) => compareText(a.groupId, b.groupId),
  type: (a, b) => compareText(a.type, b.type),
  validated: (a, b) => a.validateTime.getTime() - b.validateTime.getTime(),
};

/**
 * Sorts by `key` (reversed with `descending`); ties go by group ID, then hostname, always
 * ascending, so the output is the same whatever order the source gave.
 */
export function sortRecords(
  records: readonly StoredRecord[],
  key: SortKey,
  descending: boolean,
): StoredRecord[] {
  const sign = descending ? -1 : 1;
  return [...records].sort(
    (a, b) =>
      sign * PRIMARY[key](a, b) ||
      compareText(a.groupId, b.groupId) ||
      compareText(a.hostname, b.hostname),
  );
}

/** The sort key and direction: `--sort validate-time` is `validated` newest first, as in Go. */
function readSort(value: string | undefined, desc: boolean): { key: SortKey; descending: boolean } {
  if (value === undefined) return { key: 'owner', descending: desc };
  if (value === GO_VALIDATE_TIME) {
    if (desc) {
      throw new CliError(
        'usage.conflicting-options',
        `--sort ${GO_VALIDATE_TIME} already sorts the newest first (the Go CLI's order), so --desc cannot reverse it`,
        {
          hint: 'For the oldest first use --sort validated; for the newest first, --sort validated --desc.',
        },
      );
    }
    return { key: 'validated', descending: true };
  }
  if ((SORT_KEYS as readonly string[]).includes(value)) {
    return { key: value as SortKey, descending: desc };
  }
  throw new CliError(
    'usage.option-value',
    `--sort takes ${SORT_KEYS.join(', ')} or ${GO_VALIDATE_TIME}, received ${JSON.stringify(value)}`,
    {
      hint: 'For example --sort validated --desc for the most recently validated first.',
    },
  );
}

function readFormat(value: string | undefined): Format {
  if (value === undefined) return 'compact';
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new CliError(
    'usage.option-value',
    `--format takes ${FORMATS.join(' or ')}, received ${JSON.stringify(value)}`,
    { hint: 'compact: one line per record (the default); detailed: one block per group.' },
  );
}

function readDomain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const result = normalizeHostname(value);
  if (!result.ok) {
    throw new CliError('input.hostname', `--domain ${JSON.stringify(value)}: ${result.message}`, {
      hint: 'Give a hostname such as zq.suns.bz: no scheme, path or port.',
    });
  }
  return result.hostname;
}

/** `2025-10-15T12:34:56Z`: seconds are enough to read, milliseconds are in --json. */
function shortTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function typeLabel(code: string): string {
  const type = resolveSymmetryType(code);
  return type ? `${code} ${type.name}` : code;
}

const UNITS: readonly (readonly [number, string])[] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

/** `3 days ago`, `in 2 hours`, `just now`: how long since a record was validated. */
export function timeSince(date: Date, now: Date): string {
  const elapsed = now.getTime() - date.getTime();
  const size = Math.abs(elapsed);
  for (const [unit, word] of UNITS) {
    if (size >= unit) {
      const amount = plural(Math.floor(size / unit), word);
      return elapsed >= 0 ? `${amount} ago` : `in ${amount}`;
    }
  }
  return 'just now';
}

function formatCompact(records: readonly StoredRecord[], style: Style): string {
  return formatTable(
    ['Owner', 'Type', 'Hostname', 'Validated', 'Rev', 'Group ID'],
    records.map((record) => [
      record.owner,
      typeLabel(record.type),
      record.hostname,
      shortTime(record.validateTime),
      record.rev === undefined ? '-' : String(record.rev),
      record.groupId,
    ]),
    style.bold,
  );
}

/**
 * One block per group, in the order its first record sorts: the Go CLI's detailed form, with
 * each hostname's validation time and Rev.
 */
function formatDetailed(records: readonly StoredRecord[], now: Date, style: Style): string {
  const groups = new Map<string, StoredRecord[]>();
  for (const record of records) {
    const list = groups.get(record.groupId);
    if (list) list.push(record);
    else groups.set(record.groupId, [record]);
  }
  const blocks = [...groups.entries()].map(([groupId, list]) => {
    const owners = [...new Set(list.map((record) => record.owner))];
    const types = [...new Set(list.map((record) => record.type))];
    return [
      `${style.bold('Group ID')}  ${groupId}`,
      `${style.bold('Type')}      ${types.map(typeLabel).join(', ')}`,
      `${style.bold('Owner')}     ${owners.join(', ')}`,
      `${style.bold('Domains')}   ${list.length}`,
      ...list.map(
        (record) =>
          `  - ${record.hostname}  validated ${shortTime(record.validateTime)} (${timeSince(record.validateTime, now)}), rev ${record.rev ?? '-'}`,
      ),
    ].join('\n');
  });
  return blocks.join('\n\n');
}

/** `symval show`: stored records from the snapshot or the table, filtered and sorted. */
export const showCommand = defineCommand({
  name: 'show',
  summary: 'List stored records (snapshot, table or local file), filtered and sorted',
  description: [
    'Lists stored records: from the public snapshot (records/domains.json) by default, from',
    'the DynamoDB table with --table, or from a local JSON records file with --file. The',
    'snapshot is --snapshot (a file, an http(s) URL or s3://bucket/key), else',
    's3://$SNAPSHOT_BUCKET/$SNAPSHOT_KEY, else the local stack.',
    'Filters combine (all must match); --owner is matched exactly, --domain after',
    'normalising. Sorted by owner unless --sort says otherwise; ties go by group ID, then',
    'hostname. Reading the table with --owner queries its byOwner index (eventually',
    'consistent); otherwise the table is scanned. --format compact (the default) prints one',
    'line per record, --format detailed one block per group.',
  ].join('\n'),
  options: {
    ...SOURCE_OPTIONS,
    owner: { type: 'string', value: '<owner>', description: 'Only records of this owner (exact)' },
    domain: { type: 'string', value: '<hostname>', description: 'Only records of this hostname' },
    group: { type: 'string', value: '<group-id>', description: 'Only records of this group ID' },
    type: {
      type: 'string',
      value: '<name|code>',
      description: 'Only records of this symmetry type',
    },
    sort: {
      type: 'string',
      value: '<key>',
      description:
        'Sort by owner (default), domain, group, type or validated; validate-time: newest first (as in Go)',
    },
    desc: { type: 'boolean', description: 'Sort in descending order' },
    format: {
      type: 'string',
      value: '<format>',
      description: 'compact (one line per record, the default) or detailed (one block per group)',
    },
  },
  operands: { name: 'none', description: 'no operands', min: 0, max: 0 },
  examples: [
    {
      command: 'symval show --snapshot s3://symval-site/records/domains.json --type mirrornames',
      description: 'the mirrored pairs in the published snapshot',
    },
    {
      command:
        'symval show --table symval-dev-domains --owner https://me.example --sort validated --desc',
      description: "one owner's records in the table, most recently validated first",
    },
    {
      command: 'symval show --snapshot domains.json --domain zq.suns.bz --json',
      description: 'the records of one hostname, as JSON',
    },
    {
      command: 'symval show --file records.json --format detailed --sort validate-time',
      description: 'a local records file, one block per group, the newest first',
    },
  ],
  exitCodes: [
    [ExitCode.ok, 'at least one record matched'],
    [ExitCode.negative, 'no record matched'],
    [
      ExitCode.usage,
      'a bad option (sort key, format, type, hostname, table name, snapshot, records file)',
    ],
    [
      ExitCode.indeterminate,
      'the snapshot or the table could not be read (network, AWS); try again',
    ],
  ],
  async run({ options }, context) {
    const sort = readSort(options.sort, options.desc === true);
    const format = readFormat(options.format);
    const domain = readDomain(options.domain);
    const type = options.type === undefined ? undefined : resolveTypeOption(options.type).code;
    const source = chooseSource(options, context.env);
    const all = await loadRecords(
      source,
      context.env,
      options.owner === undefined ? {} : { owner: options.owner },
    );
    const matching = all.filter(
      (record) =>
        (options.owner === undefined || record.owner === options.owner) &&
        (domain === undefined || record.hostname === domain) &&
        (options.group === undefined || record.groupId === options.group) &&
        (type === undefined || record.type === type),
    );
    const records = sortRecords(matching, sort.key, sort.descending);
    const groups = new Set(records.map((record) => record.groupId)).size;
    const filters = {
      owner: options.owner ?? null,
      domain: domain ?? null,
      group: options.group ?? null,
      type: type ?? null,
    };
    const from = describeSource(source);
    return {
      exitCode: records.length > 0 ? ExitCode.ok : ExitCode.negative,
      json: {
        source: sourceJson(source),
        filters,
        sort: { by: sort.key, descending: sort.descending },
        format,
        count: records.length,
        groups,
        records: records.map(recordJson),
      },
      human: (style) => {
        const summary = `${plural(records.length, 'record')} in ${plural(groups, 'group')} (of ${all.length} read from ${from}).`;
        if (records.length === 0) {
          return `No records match.\n${style.dim(summary)}`;
        }
        const table =
          format === 'detailed'
            ? formatDetailed(records, new Date(), style)
            : formatCompact(records, style);
        return `${table}\n\n${style.dim(summary)}`;
      },
    };
  },
});
