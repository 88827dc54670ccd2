import { type AttestedRecordLike, type StoredRecord, validateAttestedGroup } from '@symval/records';
import { formatSnapshotTime } from '@symval/records/snapshot';
import { type FileRecord, REMOVED, type RecordsFile, updateRecordsFile } from './records-file.js';

function keyOf(groupId: string, hostname: string): string {
  return `${groupId}\u0000${hostname}`;
}

/** The readable records of a file by GroupID and Hostname (the first of duplicates wins). */
function indexRecords(file: RecordsFile): Map<string, FileRecord> {
  const byKey = new Map<string, FileRecord>();
  for (const record of file.records) {
    const key = keyOf(record.groupId, record.hostname);
    if (!byKey.has(key)) byKey.set(key, record);
  }
  return byKey;
}

/**
 * The entry written for a record: the fields in the Go order, with whatever else the entry
 * held kept in place (a field symval does not know is not symval's to drop).
 */
function entryFor(previous: unknown, record: Omit<StoredRecord, 'rev'>, rev: number) {
  const base =
    typeof previous === 'object' && previous !== null && !Array.isArray(previous)
      ? (previous as Record<string, unknown>)
      : {};
  return {
    ...base,
    Owner: record.owner,
    Type: record.type,
    Hostname: record.hostname,
    GroupID: record.groupId,
    ValidateTime: formatSnapshotTime(record.validateTime),
    Rev: rev,
  };
}

/** What `attest --store --file` wrote, per hostname. */
export interface FileUpsertResult {
  created: boolean;
  records: { hostname: string; rev: number; created: boolean }[];
}

/**
 * Stores a valid attestation's records in a records file as the table's `upsertAttested`
 * does: each hostname's record is replaced (Rev + 1, or 1 for a record that had none) or
 * added with Rev 1; the same group checks first (one group ID, owner and type, the ID the v1
 * ID of the parts). One locked read-modify-write: the records are stored together or not.
 *
 * @throws RecordsError `input.invalid` for records that are not one attested group, and what
 *   {@link updateRecordsFile} throws.
 */
export async function upsertAttestedInFile(
  path: string,
  records: readonly AttestedRecordLike[],
): Promise<FileUpsertResult> {
  validateAttestedGroup(records);
  return updateRecordsFile(path, (file) => {
    const byKey = indexRecords(file);
    const written = records.map((record) => {
      const existing = byKey.get(keyOf(record.groupId, record.hostname));
      if (existing) {
        const rev = (existing.rev ?? 0) + 1;
        file.entries[existing.index] = entryFor(file.entries[existing.index], record, rev);
        return { hostname: record.hostname, rev, created: false };
      }
      file.entries.push(entryFor(undefined, record, 1));
      return { hostname: record.hostname, rev: 1, created: true };
    });
    return { result: { created: !file.exists, records: written }, changed: true };
  });
}

/** One conditional write to a records file: refresh a record's ValidateTime, or delete it. */
export interface FileWrite {
  record: Pick<StoredRecord, 'groupId' | 'hostname' | 'rev'>;
  kind: 'refresh' | 'delete';
  /** The ValidateTime a refresh writes. */
  time?: Date;
}

/** What a {@link FileWrite} did: the statuses the table's conditional writes report. */
export type FileWriteOutcome =
  | { status: 'updated' | 'deleted' | 'missing' }
  | { status: 'conflict'; currentRev: number | null };

/**
 * Applies re-attestation's writes to a records file, each conditional on the Rev it was read
 * with, as the table's `setValidationIfUnchanged` and `deleteIfUnchanged` are: a record whose
 * Rev changed since is left alone (`conflict`), one that is gone is `missing`. A record read
 * without a Rev (a Go snapshot used as a file) is "never versioned": the condition is that it
 * still has none, and a refresh gives it Rev 1. All writes happen in one locked
 * read-modify-write of the file. Outcomes are in the order of `writes`.
 */
export async function applyFileWrites(
  path: string,
  writes: readonly FileWrite[],
): Promise<FileWriteOutcome[]> {
  return updateRecordsFile(path, (file) => {
    const byKey = indexRecords(file);
    let changed = false;
    const outcomes = writes.map(({ record, kind, time }): FileWriteOutcome => {
      const key = keyOf(record.groupId, record.hostname);
      const current = byKey.get(key);
      if (!current) return { status: 'missing' };
      if (current.rev !== record.rev)
        return { status: 'conflict', currentRev: current.rev ?? null };
      changed = true;
      if (kind === 'delete') {
        file.entries[current.index] = REMOVED;
        byKey.delete(key);
        return { status: 'deleted' };
      }
      const rev = (current.rev ?? 0) + 1;
      const refreshed = { ...current, validateTime: time ?? new Date() };
      file.entries[current.index] = entryFor(file.entries[current.index], refreshed, rev);
      byKey.set(key, { ...refreshed, rev });
      return { status: 'updated' };
    });
    return { result: outcomes, changed };
  });
}
