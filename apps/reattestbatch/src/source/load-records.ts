import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseRfc3339OrThrow, parseSnapshot, type SymmetryCode } from '@symval/records';
import { loadState } from '@symval/snapshot-builder';

/** One record to re-attest, with the Rev its conditional write will compare against. */
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
}

/** What {@link loadBatchRecords} read. */
export interface LoadedRecords {
  records: BatchRecord[];
  /** Records only in a snapshot written without Revs (the Go format): no conditional write is possible. */
  withoutRev: number;
  foundSnapshot: boolean;
  foundState: boolean;
  /** Why the snapshot could not be read, when the state was used alone. */
  snapshotError?: string;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

async function readSnapshot(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<string | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await out.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Reads the records to re-attest from S3, never from DynamoDB: the builder state (every live
 * record with its Rev) and the public snapshot. Both describe the same table; when they differ
 * (the snapshot published, the state save still to come) the higher Rev wins, and a stale
 * choice only costs a Rev conflict, never a wrong write. A snapshot that cannot be parsed is
 * passed over when the state is there, and thrown otherwise.
 *
 * @example
 * const { records } = await loadBatchRecords(s3, { bucket, key: 'records/domains.json', stateKey: 'state/snapshot-state.json' });
 */
export async function loadBatchRecords(
  s3: S3Client,
  source: SnapshotSource,
): Promise<LoadedRecords> {
  const [loaded, text] = await Promise.all([
    loadState(s3, { bucket: source.bucket, stateKey: source.stateKey }),
    readSnapshot(s3, source.bucket, source.key),
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
  // The state alone is enough: a snapshot it cannot read (one bad record refuses the whole
  // file) must not stop every member's re-attestation. Without a state it is all there is.
  let snapshot: ReturnType<typeof parseSnapshot> = [];
  let snapshotError: string | undefined;
  try {
    snapshot = text === undefined ? [] : parseSnapshot(text);
  } catch (error) {
    if (!loaded.state) throw error;
    snapshotError = error instanceof Error ? error.message : String(error);
  }
  for (const r of snapshot) {
    if (r.Rev === undefined) {
      revless.add(`${r.GroupID}\n${r.Hostname}`);
      continue;
    }
    offer({
      groupId: r.GroupID,
      hostname: r.Hostname,
      owner: r.Owner,
      type: r.Type,
      validateTime: parseRfc3339OrThrow(r.ValidateTime),
      rev: r.Rev,
    });
  }
  let withoutRev = 0;
  for (const key of revless) if (!byKey.has(key)) withoutRev++;
  return {
    records: [...byKey.values()],
    withoutRev,
    foundSnapshot: text !== undefined,
    foundState: loaded.state !== undefined,
    ...(snapshotError !== undefined ? { snapshotError } : {}),
  };
}
