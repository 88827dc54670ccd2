import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RecordsError, readSnapshot, type SnapshotRead } from '@symval/records/snapshot';
import { getS3ObjectText } from '@symval/records/snapshot/s3';
import {
  readSetting,
  SNAPSHOT_BUCKET,
  SNAPSHOT_KEY,
  SNAPSHOT_LAYOUT_INDEX_KEY,
} from '@symval/settings';
import { createS3Client } from '../aws/clients.js';
import { withAwsErrors } from '../aws/errors.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Env } from '../cli/io.js';
import { loadLayoutBeside } from './layout.js';
import { localStackAddresses } from './local-stack.js';

/** Where a snapshot is read from. */
export type SnapshotLocation =
  | { kind: 'file'; path: string }
  /** `local`: the local stack's default, so a failure can say how to start it. */
  | { kind: 'url'; url: string; local?: boolean }
  /** `indexKey`: the sharded layout's index, when not the one beside `key` (`records/v1/`). */
  | { kind: 's3'; bucket: string; key: string; indexKey?: string };

/** `records/domains.json` in the bucket, by default (`SNAPSHOT_KEY`'s declared default). */
export const DEFAULT_SNAPSHOT_KEY = SNAPSHOT_KEY.default;

/** How long a snapshot download may take, in milliseconds. */
const FETCH_TIMEOUT_MS = 30_000;

/**
 * Reads `--snapshot`: `s3://bucket/key`, an `http(s)://` URL, or a file path.
 *
 * @throws CliError `input.snapshot` (exit code 2) for an S3 address without a key, or a URL
 *   of another scheme.
 */
export function parseSnapshotLocation(text: string): SnapshotLocation {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(text);
  if (s3) return { kind: 's3', bucket: s3[1]!, key: s3[2]! };
  if (text.startsWith('s3:')) {
    throw new CliError('input.snapshot', `--snapshot ${JSON.stringify(text)} names no object`, {
      hint: 'Write s3://<bucket>/<key>, e.g. s3://symval-site/records/domains.json.',
    });
  }
  if (/^https?:\/\//i.test(text)) {
    try {
      return { kind: 'url', url: new URL(text).href };
    } catch (cause) {
      throw new CliError('input.snapshot', `--snapshot ${JSON.stringify(text)} is not a URL`, {
        hint: 'Give an http(s) URL, s3://<bucket>/<key>, or a file path.',
        cause,
      });
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new CliError(
      'input.snapshot',
      `--snapshot takes a file, an http(s) URL or s3://bucket/key, received ${JSON.stringify(text)}`,
      {
        hint: 'For example --snapshot records/domains.json or --snapshot s3://bucket/records/domains.json.',
      },
    );
  }
  return { kind: 'file', path: text };
}

/**
 * The snapshot when `--snapshot` is not given: `SNAPSHOT_BUCKET` (+ `SNAPSHOT_KEY`, default
 * `records/domains.json`) when set, else the local stack's (`pnpm dev`; its base port from
 * `SYMVAL_LOCAL_PORT`, default 8787).
 */
export function defaultSnapshotLocation(env: Env): SnapshotLocation {
  // The CLI runs outside SST: no links, only the variables.
  const bucket = readSetting(SNAPSHOT_BUCKET, { env });
  if (bucket !== undefined) {
    return {
      kind: 's3',
      bucket,
      key: readSetting(SNAPSHOT_KEY, { env }),
      indexKey: readSetting(SNAPSHOT_LAYOUT_INDEX_KEY, { env }),
    };
  }
  return { kind: 'url', url: localStackAddresses(env).snapshotUrl, local: true };
}

/** `s3://bucket/key`, the URL, or the file path. */
export function describeSnapshotLocation(location: SnapshotLocation): string {
  if (location.kind === 's3') return `s3://${location.bucket}/${location.key}`;
  return location.kind === 'url' ? location.url : location.path;
}

async function readFromFile(path: string): Promise<string> {
  try {
    return await readFile(resolve(path), 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? 'snapshot.not-found' : 'snapshot.unreadable',
      `cannot read the snapshot file ${JSON.stringify(path)}: ${(cause as Error).message}`,
      { hint: 'Check the path, or give an http(s) URL or s3://bucket/key.', cause },
    );
  }
}

async function readFromUrl(url: string, local: boolean): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (cause) {
    const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new CliError('snapshot.unreadable', `cannot fetch the snapshot ${url}: ${reason}`, {
      exitCode: ExitCode.indeterminate,
      hint: local
        ? 'That is the local stack: start it with pnpm dev, or pass --snapshot, or set SNAPSHOT_BUCKET.'
        : 'Check the URL and the network, then try again.',
      cause,
    });
  }
  if (!response.ok) {
    throw new CliError(
      response.status === 404 ? 'snapshot.not-found' : 'snapshot.unreadable',
      `fetching the snapshot ${url} answered HTTP ${response.status}`,
      {
        exitCode: response.status === 404 ? ExitCode.usage : ExitCode.indeterminate,
        hint: 'Check the URL (the site serves it at /records/domains.json).',
      },
    );
  }
  return response.text();
}

async function readFromS3(bucket: string, key: string, env: Env): Promise<string> {
  const s3 = createS3Client(env);
  const where = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || 'AWS S3';
  try {
    const object = await withAwsErrors(
      {
        what: `snapshot s3://${bucket}/${key}`,
        where,
        fix: 'Check --snapshot, or SNAPSHOT_BUCKET and SNAPSHOT_KEY',
      },
      () => getS3ObjectText(s3, { bucket, key }),
    );
    if (object === undefined) {
      throw new CliError(
        'snapshot.not-found',
        `there is no snapshot s3://${bucket}/${key} (${where} has no such key)`,
        { hint: 'Check --snapshot, or SNAPSHOT_BUCKET and SNAPSHOT_KEY.' },
      );
    }
    return object.text;
  } finally {
    s3.destroy();
  }
}

/** The text of the snapshot at `location`. */
export function readSnapshotText(location: SnapshotLocation, env: Env): Promise<string> {
  if (location.kind === 'file') return readFromFile(location.path);
  if (location.kind === 'url') return readFromUrl(location.url, location.local === true);
  return readFromS3(location.bucket, location.key, env);
}

function invalid(location: SnapshotLocation, message: string, cause: unknown): CliError {
  return new CliError(
    'snapshot.invalid',
    `${describeSnapshotLocation(location)} is not a valid records/domains.json: ${message}`,
    {
      // A file the user chose is their input; a published snapshot that is broken is not.
      exitCode: location.kind === 'file' ? ExitCode.usage : ExitCode.indeterminate,
      hint: 'Give a snapshot written by the streamer (a JSON array of {Owner, Type, Hostname, GroupID, ValidateTime, Rev}), or read the table with --table.',
      cause,
    },
  );
}

/** What a snapshot read came from: the sharded layout's index, or the whole file. */
export interface SnapshotOrigin {
  readonly format: 'sharded-layout' | 'whole-file';
  /** The file, URL or object read: the layout's index, or the whole file. */
  readonly location: SnapshotLocation;
}

/** A snapshot read, with what it was read from. */
export interface LoadedSnapshot extends SnapshotRead {
  readonly origin: SnapshotOrigin;
}

/**
 * Reads the snapshot at `location` tolerantly: the sharded layout beside it (`records/v1/`)
 * when there is one, else the whole file, and says which in `origin` (`readSnapshot`; the Go format without `Rev` is
 * accepted). It gives the good entries, and the index, field and reason of every entry left
 * out, so one hand-written entry does not stop the work on all the others.
 *
 * @throws CliError `snapshot.*` or `aws.*` saying what failed. A file that is not JSON, not an
 *   array, or has not one good entry is `snapshot.invalid`, naming the first record at fault.
 */
export async function loadSnapshot(location: SnapshotLocation, env: Env): Promise<LoadedSnapshot> {
  const layout = await loadLayoutBeside(location, env);
  if (layout) {
    return {
      records: layout.records,
      rejected: layout.rejected,
      origin: { format: 'sharded-layout', location: layout.index },
    };
  }
  const text = await readSnapshotText(location, env);
  let read: SnapshotRead;
  try {
    read = readSnapshot(text);
  } catch (cause) {
    if (!(cause instanceof RecordsError)) throw cause;
    throw invalid(location, cause.message, cause);
  }
  if (read.records.length === 0 && read.rejected.length > 0) {
    const more = read.rejected.length > 1 ? ` (and ${read.rejected.length - 1} more)` : '';
    throw invalid(
      location,
      `${read.rejected[0]!.message}${more}; no entry could be read`,
      undefined,
    );
  }
  return { ...read, origin: { format: 'whole-file', location } };
}

/**
 * What to say about the entries left out: `1 unreadable entry left out (snapshot record 3:
 * Type must be …)`; for several, the count and the first.
 */
export function describeRejected(rejected: SnapshotRead['rejected']): string | undefined {
  const first = rejected[0];
  if (first === undefined) return undefined;
  const count =
    rejected.length === 1 ? '1 unreadable entry' : `${rejected.length} unreadable entries`;
  const which = rejected.length === 1 ? first.message : `the first: ${first.message}`;
  return `${count} left out (${which})`;
}
