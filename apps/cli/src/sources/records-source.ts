import { publicViewer } from '@symval/records';
import { withAwsErrors } from '../aws/errors.js';
import type { OptionSpecs } from '../cli/command.js';
import type { Env } from '../cli/io.js';
import { resolveTableName, TABLE_OPTION } from '../inputs/table.js';
import { connectRecordsTable } from '../records/connection.js';
import {
  fromSnapshotRecord,
  fromTableRecord,
  type StoredRecord,
} from '../records/stored-record.js';
import {
  defaultSnapshotLocation,
  describeSnapshotLocation,
  loadSnapshot,
  parseSnapshotLocation,
  type SnapshotLocation,
} from './snapshot.js';

/** `--snapshot` and `--table`: where stored records are read from. */
export const SOURCE_OPTIONS = {
  snapshot: {
    type: 'string',
    value: '<file|url|s3://bucket/key>',
    description:
      'Read the records from this snapshot (default: SNAPSHOT_BUCKET/SNAPSHOT_KEY, else the local stack)',
  },
  ...TABLE_OPTION,
} as const satisfies OptionSpecs;

/** Where records come from. */
export type RecordsSource =
  | { kind: 'snapshot'; location: SnapshotLocation }
  | { kind: 'table'; tableName: string };

/** The parsed {@link SOURCE_OPTIONS}. */
export interface SourceOptionValues {
  snapshot?: string | undefined;
  table?: string | undefined;
}

/**
 * The records source: `--snapshot` if given, else the table if `--table` is given, else the
 * default snapshot. (`DOMAIN_TABLE_NAME` alone does not switch reading to the table: it only
 * names where `--apply` and `--drop` write.)
 */
export function chooseSource(options: SourceOptionValues, env: Env): RecordsSource {
  if (options.snapshot !== undefined) {
    return { kind: 'snapshot', location: parseSnapshotLocation(options.snapshot) };
  }
  if (options.table !== undefined) {
    return { kind: 'table', tableName: resolveTableName(options.table, env, 'reading records') };
  }
  return { kind: 'snapshot', location: defaultSnapshotLocation(env) };
}

/** `snapshot s3://…` or `table symval-domains`. */
export function describeSource(source: RecordsSource): string {
  return source.kind === 'table'
    ? `table ${source.tableName}`
    : `snapshot ${describeSnapshotLocation(source.location)}`;
}

/** The source as `--json` prints it. */
export function sourceJson(source: RecordsSource) {
  return source.kind === 'table'
    ? { kind: 'table', table: source.tableName }
    : { kind: 'snapshot', location: describeSnapshotLocation(source.location) };
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
 * queried through its `byOwner` index (eventually consistent).
 */
export async function loadRecords(
  source: RecordsSource,
  env: Env,
  options: LoadRecordsOptions = {},
): Promise<StoredRecord[]> {
  if (source.kind === 'snapshot') {
    return (await loadSnapshot(source.location, env)).map(fromSnapshotRecord);
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
