/**
 * What went wrong, as a stable string a caller can switch on.
 *
 * - `input.invalid`: an operation was called with records that cannot be stored (mixed groups,
 *   a group ID that does not match its owner, type and hostnames, an invalid time, ...).
 * - `snapshot.invalid`: a snapshot document is not a valid `records/domains.json`; `index` and
 *   `field` say where.
 * - `time.invalid`: a string is not an RFC 3339 date-time.
 * - `layout.invalid`: a file of the sharded layout (`records/v1/…`) is not what its format says;
 *   `field` names the path inside it.
 * - `layout.missing`: the index names a file that is not there: the index was read longer ago
 *   than the grace period old files are kept for. Read the index again.
 */
export type RecordsErrorCode =
  | 'input.invalid'
  | 'snapshot.invalid'
  | 'time.invalid'
  | 'layout.invalid'
  | 'layout.missing';

/** Extra facts carried by a {@link RecordsError}. */
export interface RecordsErrorDetails {
  cause?: unknown;
  /** The position of the offending record (in the input array or the snapshot). */
  index?: number;
  /** The offending field, e.g. `ValidateTime`. */
  field?: string;
  /** The file of the sharded layout at fault, e.g. `shards/1c-4f0e9ab2d6c1.json`. */
  file?: string;
  /** The value that was received. */
  received?: unknown;
}

/**
 * The one error class of `@symval/records`. Expected outcomes (a Rev conflict, a missing
 * item) are results, not errors; this is thrown for input that must not be stored or read.
 */
export class RecordsError extends Error {
  override readonly name = 'RecordsError';
  readonly code: RecordsErrorCode;
  readonly index?: number;
  readonly field?: string;
  readonly file?: string;
  readonly received?: unknown;

  constructor(code: RecordsErrorCode, message: string, details: RecordsErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.index !== undefined) this.index = details.index;
    if (details.field !== undefined) this.field = details.field;
    if (details.file !== undefined) this.file = details.file;
    if ('received' in details) this.received = details.received;
  }
}

/** Short, bounded description of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  }
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}
