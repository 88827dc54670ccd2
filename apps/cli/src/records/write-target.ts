import type { Env } from '../cli/io.js';
import type { ProgressReporter } from '../progress/index.js';
import { applyFileWrites, type FileWrite } from '../records-file/index.js';
import type { GroupWrite, RecordOutcome } from './apply-reattest.js';

/** Where `--apply` and `--drop` write: the records table, or the local records file read. */
export type WriteTarget = { kind: 'table'; table: string } | { kind: 'file'; path: string };

/** `table symval-dev-domains`, `file records.json`. */
export function describeWriteTarget(target: WriteTarget): string {
  return target.kind === 'file' ? `file ${target.path}` : `table ${target.table}`;
}

/**
 * The table a dry run would write to, for its closing line: `--table`, else
 * `DOMAIN_TABLE_NAME`; `undefined` when neither names one (the line then says how to).
 */
export function dryRunTable(value: string | undefined, env: Env): WriteTarget | undefined {
  const table = value ?? (env.DOMAIN_TABLE_NAME || undefined);
  return table === undefined ? undefined : { kind: 'table', table };
}

/**
 * What {@link applyGroupWritesToFile} would do, without writing. Unlike a table, a file
 * writes records read without a Rev too (their condition is that they still have none).
 */
export function previewFileGroupOutcomes(writes: readonly GroupWrite[]): RecordOutcome[][] {
  return writes.map(({ group, kind }) =>
    group.records.map(() =>
      kind === 'keep' ? 'kept' : kind === 'refresh' ? 'would-update' : 'would-delete',
    ),
  );
}

/**
 * The re-attestation decisions written to a local records file in one locked
 * read-modify-write, each record conditional on the Rev it was read with: outcomes per group
 * and record, in input order, as {@link applyGroupWrites} gives them for a table.
 */
export async function applyGroupWritesToFile(
  path: string,
  writes: readonly GroupWrite[],
  progress: ProgressReporter,
): Promise<RecordOutcome[][]> {
  const fileWrites: FileWrite[] = [];
  for (const { group, kind, time } of writes) {
    if (kind === 'keep') continue;
    for (const record of group.records) {
      fileWrites.push({ record, kind, ...(time ? { time } : {}) });
    }
  }
  const results = await applyFileWrites(path, fileWrites);
  progress.increment(results.length);
  let next = 0;
  return writes.map(({ group, kind }) =>
    group.records.map((): RecordOutcome => {
      if (kind === 'keep') return 'kept';
      return results[next++]!.status;
    }),
  );
}
