import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type StoredRecord, storedRecordFromSnapshot } from '@symval/records';
import { readSnapshotDocument, type SnapshotEntryProblem } from '@symval/records/snapshot';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';

/** A readable record of a records file, with where it sits in the file's array. */
export interface FileRecord extends StoredRecord {
  /** Its index in {@link RecordsFile.entries}. */
  index: number;
}

/**
 * A local records file as read: the JSON array the Go CLI's `--file` store kept (its memrepo
 * format: `{Owner, Type, Hostname, GroupID, ValidateTime, Rev}` per record, two-space indent),
 * which is also the snapshot format. Every entry is kept as parsed, so writing the file back
 * changes only the entries a command meant to change: unreadable entries, unknown fields and
 * the times of untouched records stay as they were.
 */
export interface RecordsFile {
  /** The path as given. */
  path: string;
  /** False when the file did not exist (it is created by the first write). */
  exists: boolean;
  /** Every entry of the array, as parsed. */
  entries: unknown[];
  /** The entries that read as records, in file order. */
  records: FileRecord[];
  /** The entries that did not, with why. */
  rejected: SnapshotEntryProblem[];
}

function fileError(
  code: 'file.not-found' | 'file.unreadable' | 'file.invalid' | 'file.locked' | 'file.write',
  message: string,
  hint: string,
  cause?: unknown,
  exitCode: ExitCode = ExitCode.usage,
): CliError {
  return new CliError(code, message, { hint, cause, exitCode });
}

function parseEntries(path: string, text: string): unknown[] {
  // The Go CLI treated an empty file as an empty store; so does this one.
  if (text.trim() === '') return [];
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw fileError(
      'file.invalid',
      `the records file ${JSON.stringify(path)} is not JSON: ${(cause as Error).message}`,
      'Give a JSON array of {Owner, Type, Hostname, GroupID, ValidateTime, Rev} records, as symval attest --store --file writes it.',
      cause,
    );
  }
  if (document === null) return [];
  if (!Array.isArray(document)) {
    throw fileError(
      'file.invalid',
      `the records file ${JSON.stringify(path)} must hold a JSON array of records, and holds ${typeof document === 'object' ? 'an object' : `a ${typeof document}`}`,
      'Give a JSON array of {Owner, Type, Hostname, GroupID, ValidateTime, Rev} records.',
    );
  }
  return document;
}

/** The records of `entries`, with the problems of the entries that are not records. */
function readEntries(entries: unknown[]): Pick<RecordsFile, 'records' | 'rejected'> {
  // Only a document that is not an array throws, and entries is one.
  const read = readSnapshotDocument(entries);
  const skipped = new Set(read.rejected.map((problem) => problem.index));
  const indexes = entries.map((_, index) => index).filter((index) => !skipped.has(index));
  const records = read.records.map((record, position) => ({
    ...storedRecordFromSnapshot(record),
    index: indexes[position]!,
  }));
  return { records, rejected: read.rejected };
}

/** Options of {@link readRecordsFile}. */
export interface ReadRecordsFileOptions {
  /** Refuse a file that does not exist (reading commands), instead of an empty store. */
  mustExist: boolean;
}

/**
 * Reads a records file.
 *
 * @throws CliError `file.not-found` (when `mustExist`), `file.unreadable` or `file.invalid`
 *   (not JSON, not an array), all exit code 2.
 */
export async function readRecordsFile(
  path: string,
  { mustExist }: ReadRecordsFileOptions,
): Promise<RecordsFile> {
  let text: string;
  try {
    text = await readFile(resolve(path), 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !mustExist) {
      return { path, exists: false, entries: [], records: [], rejected: [] };
    }
    throw fileError(
      code === 'ENOENT' ? 'file.not-found' : 'file.unreadable',
      code === 'ENOENT'
        ? `there is no records file ${JSON.stringify(path)}`
        : `cannot read the records file ${JSON.stringify(path)}: ${(cause as Error).message}`,
      code === 'ENOENT'
        ? 'Check the path; symval attest --store --file <path> creates the file with the first valid group.'
        : 'Check the path and its permissions.',
      cause,
    );
  }
  const entries = parseEntries(path, text);
  return { path, exists: true, entries, ...readEntries(entries) };
}

/** Stands for an entry a change removed; filtered out when the file is written. */
export const REMOVED: unique symbol = Symbol('removed entry');

/** What a change made to the file. */
export interface FileChange<T> {
  result: T;
  /** Whether any entry changed; the file is written only then. */
  changed: boolean;
}

async function acquireLock(lockPath: string, path: string): Promise<() => Promise<void>> {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      throw fileError(
        'file.locked',
        `another symval is writing the records file ${JSON.stringify(path)} (its lock ${JSON.stringify(lockPath)} exists)`,
        `Wait for it and run this again; if no other symval is running, a run that crashed left the lock behind: remove ${lockPath}.`,
        cause,
        ExitCode.indeterminate,
      );
    }
    throw fileError(
      'file.write',
      `cannot lock the records file ${JSON.stringify(path)}: ${(cause as Error).message}`,
      'Check that its folder exists and is writable.',
      cause,
    );
  }
  return () => unlink(lockPath).catch(() => {});
}

/**
 * Changes a records file under a lock: takes `<path>.lock` (created exclusively, so two runs
 * never interleave), reads the file as it is now, lets `change` edit its entries (replace
 * one, set it to {@link REMOVED}, or push a new one), and when something changed writes the
 * whole array to a temporary file renamed over the old one, so a reader sees the old file
 * or the new one and never half of it. Nothing is written when `change` throws.
 *
 * @throws CliError `file.locked` (exit code 3) while another run holds the lock,
 *   `file.write` (exit code 3) when the file cannot be written, and what reading throws.
 */
export async function updateRecordsFile<T>(
  path: string,
  change: (file: RecordsFile) => FileChange<T>,
): Promise<T> {
  const full = resolve(path);
  await mkdir(dirname(full), { recursive: true }).catch(() => {});
  const release = await acquireLock(`${full}.lock`, path);
  try {
    const file = await readRecordsFile(path, { mustExist: false });
    const { result, changed } = change(file);
    if (!changed) return result;
    const kept = file.entries.filter((entry) => entry !== REMOVED);
    const temporary = `${full}.${process.pid}.tmp`;
    try {
      // Two-space indent and a final newline, as the Go CLI's json.Encoder wrote the file.
      await writeFile(temporary, `${JSON.stringify(kept, null, 2)}\n`, 'utf8');
      await rename(temporary, full);
    } catch (cause) {
      await unlink(temporary).catch(() => {});
      throw fileError(
        'file.write',
        `cannot write the records file ${JSON.stringify(path)}: ${(cause as Error).message}`,
        'Check that the file and its folder are writable; the file was left as it was.',
        cause,
        ExitCode.indeterminate,
      );
    }
    return result;
  } finally {
    await release();
  }
}
