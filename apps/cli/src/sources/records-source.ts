import { publicViewer } from '@symval/records';
import type { SnapshotEntryProblem } from '@symval/records/snapshot';
import { withAwsErrors } from '../aws/errors.js';
import type { OptionSpecs } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import type { Env } from '../cli/io.js';
import { resolveTableName, TABLE_OPTION } from '../inputs/table.js';
import { connectRecordsTable } from '../records/connection.js';
import {
  fromSnapshotRecord,
  fromTableRecord,
  type StoredRecord,
} from '../records/stored-record.js';
import { readRecordsFile } from '../records-file/index.js';
import {
  defaultSnapshotLocation,
  describeRejected,
  describeSnapshotLocation,
  loadSnapshot,
  parseSnapshotLocation,
  type SnapshotLocation,
  type SnapshotOrigin,
} from './snapshot.js';

/** `--file`: a local JSON records file, the Go CLI's store, read and written without AWS. */
export const FILE_OPTION = {
  file: {
    type: 'string',
    short: 'f',
    value: '<path>',
    description:
      "A local JSON records file (the Go CLI's --file store) to use instead of AWS: read from it, and written by --apply/--drop",
  },
} as const satisfies OptionSpecs;

/** `--snapshot`, `--table` and `--file`: where stored records are read from. */
export const SOURCE_OPTIONS = {
  snapshot: {
    type: 'string',
    value: '<file|url|s3://bucket/key>',
    description:
      'Read the records from this snapshot (default: SNAPSHOT_BUCKET/SNAPSHOT_KEY, else the local stack)',
  },
  ...TABLE_OPTION,
  ...FILE_OPTION,
} as const satisfies OptionSpecs;

/** Where records come from. */
export type RecordsSource =
  | {
      kind: 'snapshot';
      location: SnapshotLocation;
      /**
       * Set by {@link loadRecords}: the entries of the snapshot left out as unreadable. The
       * commands print the source, so the report travels with it to every output.
       */
      rejected?: SnapshotEntryProblem[];
      /**
       * Set by {@link loadRecords}: what was read, the sharded layout's index or the whole
       * file at `location`, so the source printed is the one the records came from.
       */
      origin?: SnapshotOrigin;
    }
  | { kind: 'table'; tableName: string }
  /** A local records file: read from, and the target of `--apply` and `--drop`. */
  | { kind: 'file'; path: string; rejected?: SnapshotEntryProblem[] };

/** The parsed {@link SOURCE_OPTIONS}. */
export interface SourceOptionValues {
  snapshot?: string | undefined;
  table?: string | undefined;
  file?: string | undefined;
}

/**
 * The records source: `--file` if given (and then neither of the others), else `--snapshot`,
 * else the table if `--table` is given, else the default snapshot. (`DOMAIN_TABLE_NAME` alone
 * does not switch reading to the table: it only names where `--apply` and `--drop` write.)
 *
 * @throws CliError `usage.conflicting-options` for `--file` with `--snapshot` or `--table`.
 */
export function chooseSource(options: SourceOptionValues, env: Env): RecordsSource {
  if (options.file !== undefined) {
    const other =
      options.snapshot !== undefined
        ? '--snapshot'
        : options.table !== undefined
          ? '--table'
          : undefined;
    if (other) {
      throw new CliError(
        'usage.conflicting-options',
        `--file and ${other} name two different stores`,
        {
          hint: '--file reads and writes a local records file; --snapshot and --table read from AWS or the local stack. Give one.',
        },
      );
    }
    if (options.file.length === 0) {
      throw new CliError('input.file', '--file needs a path', {
        hint: 'For example --file ./records.json.',
      });
    }
    return { kind: 'file', path: options.file };
  }
  if (options.snapshot !== undefined) {
    return { kind: 'snapshot', location: parseSnapshotLocation(options.snapshot) };
  }
  if (options.table !== undefined) {
    return { kind: 'table', tableName: resolveTableName(options.table, env, 'reading records') };
  }
  return { kind: 'snapshot', location: defaultSnapshotLocation(env) };
}

/**
 * `snapshot s3://…`, `snapshot s3://…/records/v1/index.json (sharded layout)` when the layout
 * was what was read, or `table symval-domains`; a snapshot with entries left out says how many
 * and which: `snapshot x.json, 1 unreadable entry left out (snapshot record 3: …)`.
 */
export function describeSource(source: RecordsSource): string {
  if (source.kind === 'table') return `table ${source.tableName}`;
  const rejected = describeRejected(source.rejected ?? []);
  const where =
    source.kind === 'file'
      ? `file ${source.path}`
      : `snapshot ${describeSnapshotLocation(source.origin?.location ?? source.location)}${
          source.origin?.format === 'sharded-layout' ? ' (sharded layout)' : ''
        }`;
  return rejected === undefined ? where : `${where}, ${rejected}`;
}

/**
 * The source as `--json` prints it: a snapshot's `location` is what was read (the layout's
 * index or the whole file, `format` saying which) and it lists the entries it left out.
 */
export function sourceJson(source: RecordsSource) {
  if (source.kind === 'table') return { kind: 'table', table: source.tableName };
  const rejected = (source.rejected ?? []).map(({ index, field, reason }) => ({
    index,
    field: field ?? null,
    reason,
  }));
  return source.kind === 'file'
    ? { kind: 'file', path: source.path, rejected }
    : {
        kind: 'snapshot',
        location: describeSnapshotLocation(source.origin?.location ?? source.location),
        format: source.origin?.format ?? 'whole-file',
        rejected,
      };
}

/** Options of {@link loadRecords}. */
export interface LoadRecordsOptions {
  /**
   * The caller wants only this owner's records: a table then reads just those, through its
   * `byOwner` index. A snapshot is read whole either way; the caller filters.
   */
  owner?: string;
}

/**
 * The records of the source. A table is scanned (strongly consistent) or, with `owner`,
 * queried through its `byOwner` index (eventually consistent). A snapshot or a records file
 * is read tolerantly: its unreadable entries are left out and recorded on `source.rejected`.
 */
export async function loadRecords(
  source: RecordsSource,
  env: Env,
  options: LoadRecordsOptions = {},
): Promise<StoredRecord[]> {
  if (source.kind === 'file') {
    const file = await readRecordsFile(source.path, { mustExist: true });
    source.rejected = file.rejected;
    return file.records.map(({ index: _index, ...record }) => record);
  }
  if (source.kind === 'snapshot') {
    const read = await loadSnapshot(source.location, env);
    source.rejected = read.rejected;
    source.origin = read.origin;
    return read.records.map(fromSnapshotRecord);
  }
  const table = connectRecordsTable(source.tableName, env);
  try {
    return await withAwsErrors(table.target, async () => {
      const reader = table.records.as(publicViewer());
      if (options.owner !== undefined) {
        return (await reader.listByOwner(options.owner)).map(fromTableRecord);
      }
      const records: StoredRecord[] = [];
      for await (const record of reader.listAll({ consistentRead: true })) {
        records.push(fromTableRecord(record));
      }
      return records;
    });
  } finally {
    table.close();
  }
}
