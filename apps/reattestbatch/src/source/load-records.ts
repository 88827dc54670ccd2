import type { S3Client } from '@aws-sdk/client-s3';
import { parseRfc3339OrThrow, RecordsError, type SymmetryCode } from '@symval/records';
import type { ParsedSnapshotRecord, SnapshotEntryProblem } from '@symval/records/snapshot';
import {
  type LoadedSnapshot,
  loadLayoutFromS3,
  loadSnapshotFromS3,
} from '@symval/records/snapshot/s3';
import { loadState } from '@symval/snapshot-builder';

/**
 * One record to re-attest, with the Rev its conditional write will compare against: 0 for a
 * record never versioned (a snapshot entry without `Rev`, the existing club's format before
 * it had one), whose write then holds only while the table item has no `Rev` either.
 */
export interface BatchRecord {
  groupId: string;
  hostname: string;
  owner: string;
  type: SymmetryCode;
  validateTime: Date;
  rev: number;
}

/** Where the snapshot and the builder state are. */
export interface SnapshotSource {
  bucket: string;
  /** The public snapshot (`SNAPSHOT_KEY`). */
  key: string;
  /** The builder's private state (`SNAPSHOT_STATE_KEY`). */
  stateKey: string;
  /**
   * The sharded layout's index (`SNAPSHOT_LAYOUT_INDEX_KEY`): read instead of the whole file
   * when it is there, since the whole file may be published only every few minutes.
   */
  indexKey?: string;
}

/** What {@link loadBatchRecords} read. */
export interface LoadedRecords {
  records: BatchRecord[];
  /** Records read without a Rev (only in a snapshot without one): re-attested as never versioned. */
  withoutRev: number;
  foundSnapshot: boolean;
  /** What the public records were read from: the sharded layout, the whole file, or nothing. */
  snapshotSource: 'layout' | 'whole-file' | 'none';
  foundState: boolean;
  /** Why the snapshot could not be read, when the state was used alone. */
  snapshotError?: string;
  /**
   * The snapshot entries left out (index, field, reason), each a line worth logging: the
   * others were read and are re-attested. Empty when every entry was good.
   */
  rejected: SnapshotEntryProblem[];
}

/** A snapshot that failed as a whole: not JSON, not an array, or not one good entry in it. */
type SnapshotOutcome =
  | { ok: true; records: ParsedSnapshotRecord[]; rejected: SnapshotEntryProblem[] }
  | { ok: false; error: unknown };

interface SnapshotRead {
  found: boolean;
  from: LoadedRecords['snapshotSource'];
  outcome: SnapshotOutcome;
}

/** A failure of the whole read: every entry bad is a broken snapshot, not an empty club. */
function allRejected(rejected: SnapshotEntryProblem[], what: string): RecordsError {
  const first = rejected[0]!;
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more)` : '';
  return new RecordsError(
    'snapshot.invalid',
    `${first.message}${more}; no entry of the ${what} could be read`,
    { index: first.index, ...(first.field === undefined ? {} : { field: first.field }) },
  );
}

/** The sharded layout when it is there (`undefined`: no index), else the whole file. */
async function readSnapshotSource(s3: S3Client, source: SnapshotSource): Promise<SnapshotRead> {
  if (source.indexKey !== undefined) {
    try {
      const layout = await loadLayoutFromS3(s3, {
        bucket: source.bucket,
        indexKey: source.indexKey,
      });
      if (layout) {
        if (layout.records.length === 0 && layout.rejected.length > 0) {
          const error = allRejected(layout.rejected, 'sharded layout');
          return { found: true, from: 'layout', outcome: { ok: false, error } };
        }
        return {
          found: true,
          from: 'layout',
          outcome: { ok: true, records: layout.records, rejected: layout.rejected },
        };
      }
    } catch (error) {
      if (!(error instanceof RecordsError)) throw error;
      // A layout that cannot be read: the whole file describes the same table.
      const file = await readSnapshotFile(s3, source);
      if (file.found && file.outcome.ok) return { ...file, from: 'whole-file' };
      return { found: true, from: 'layout', outcome: { ok: false, error } };
    }
  }
  const file = await readSnapshotFile(s3, source);
  return { ...file, from: file.found ? 'whole-file' : 'none' };
}

async function readSnapshotFile(
  s3: S3Client,
  source: SnapshotSource,
): Promise<{ found: boolean; outcome: SnapshotOutcome }> {
  let loaded: LoadedSnapshot | undefined;
  try {
    loaded = await loadSnapshotFromS3(s3, { bucket: source.bucket, key: source.key });
  } catch (error) {
    // S3 failures pass through; a RecordsError means the object was there but is no snapshot.
    if (!(error instanceof RecordsError)) throw error;
    return { found: true, outcome: { ok: false, error } };
  }
  if (loaded === undefined)
    return { found: false, outcome: { ok: true, records: [], rejected: [] } };
  // Entries that are all bad are a broken file, not a club with no members: say so as loudly
  // as a file that is not JSON.
  if (loaded.records.length === 0 && loaded.rejected.length > 0) {
    return { found: true, outcome: { ok: false, error: allRejected(loaded.rejected, 'snapshot') } };
  }
  return { found: true, outcome: { ok: true, records: loaded.records, rejected: loaded.rejected } };
}

/**
 * Reads the records to re-attest from S3, never from DynamoDB: the builder state (every live
 * record with its Rev) and the public records, from the sharded layout when `indexKey` names
 * one that is there, else from the whole file. Both describe the same table; when they differ
 * (the snapshot published, the state save still to come) the higher Rev wins, and a stale
 * choice only costs a Rev conflict, never a wrong write. The snapshot is read tolerantly
 * (`readSnapshot`): bad entries are left out and listed in `rejected`, the others are used. A
 * snapshot that cannot be read at all (not JSON, not an array, no good entry) is passed over
 * when the state is there, and thrown otherwise.
 *
 * @example
 * const { records } = await loadBatchRecords(s3, { bucket, key: 'records/domains.json', stateKey: 'state/snapshot-state.json' });
 */
export async function loadBatchRecords(
  s3: S3Client,
  source: SnapshotSource,
): Promise<LoadedRecords> {
  const [loaded, snapshotFile] = await Promise.all([
    loadState(s3, { bucket: source.bucket, stateKey: source.stateKey }),
    readSnapshotSource(s3, source),
  ]);
  const byKey = new Map<string, BatchRecord>();
  const revless = new Set<string>();
  const offer = (record: BatchRecord): void => {
    const key = `${record.groupId}\n${record.hostname}`;
    const known = byKey.get(key);
    if (!known || record.rev > known.rev) byKey.set(key, record);
  };
  for (const entry of loaded.state?.entries.values() ?? []) {
    const r = entry.record;
    if (!r) continue;
    offer({
      groupId: r.GroupID,
      hostname: r.Hostname,
      owner: r.Owner,
      type: r.Type,
      validateTime: parseRfc3339OrThrow(r.ValidateTime),
      rev: r.Rev,
    });
  }
  // The state alone is enough: a snapshot that cannot be read at all must not stop every
  // member's re-attestation. Without a state it is all there is, so its failure is thrown.
  // Bad entries in a readable file are left out and reported; the others go on.
  const outcome = snapshotFile.outcome;
  let snapshotError: string | undefined;
  if (!outcome.ok) {
    if (!loaded.state) throw outcome.error;
    snapshotError = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  }
  for (const r of outcome.ok ? outcome.records : []) {
    if (r.Rev === undefined) revless.add(`${r.GroupID}\n${r.Hostname}`);
    offer({
      groupId: r.GroupID,
      hostname: r.Hostname,
      owner: r.Owner,
      type: r.Type,
      validateTime: parseRfc3339OrThrow(r.ValidateTime),
      // Never versioned: the write expects Rev still absent, so a record written since (it has
      // a Rev now) is a conflict, never overwritten.
      rev: r.Rev ?? 0,
    });
  }
  let withoutRev = 0;
  for (const key of revless) if (byKey.get(key)?.rev === 0) withoutRev++;
  return {
    records: [...byKey.values()],
    withoutRev,
    foundSnapshot: snapshotFile.found,
    snapshotSource: snapshotFile.from,
    foundState: loaded.state !== undefined,
    ...(snapshotError !== undefined ? { snapshotError } : {}),
    rejected: outcome.ok ? outcome.rejected : [],
  };
}
