/**
 * What went wrong, as a stable string a caller can switch on.
 *
 * - `schema.invalid`: a value does not match the item schema (on write, or on a strict read).
 * - `definition.invalid`: a table or item definition is inconsistent (found at definition time).
 * - `request.invalid`: an operation was called with arguments DynamoDB would refuse.
 * - `condition.failed`: a condition expression was not met; `item` holds the current item when
 *   DynamoDB returned it.
 * - `version.conflict`: optimistic locking failed: the stored version is not the one expected.
 * - `transaction.cancelled`: DynamoDB cancelled a transaction; `reasons` has one entry per
 *   operation.
 * - `batch.unprocessed`: a batch still had unprocessed items after the last retry.
 * - `cursor.invalid`: a pagination cursor could not be read or belongs to another query.
 * - `policy.denied`: an access policy refused the operation.
 */
export type DynamiteErrorCode =
  | 'schema.invalid'
  | 'definition.invalid'
  | 'request.invalid'
  | 'condition.failed'
  | 'version.conflict'
  | 'transaction.cancelled'
  | 'batch.unprocessed'
  | 'cursor.invalid'
  | 'policy.denied';

/** Why one operation of a cancelled transaction failed, in the order the operations were given. */
export interface CancellationReason {
  /** Position of the operation in the transaction. */
  index: number;
  /** The table the operation targeted (the physical name). */
  table: string;
  /** What the operation was. */
  operation: 'put' | 'update' | 'delete' | 'check';
  /** DynamoDB's code: `None`, `ConditionalCheckFailed`, `TransactionConflict`, ... */
  code: string;
  message?: string;
  /** True when the operation's own condition failed because of the version attribute. */
  versionConflict: boolean;
  /** The current item, decoded, when DynamoDB returned it (ALL_OLD on a failed condition). */
  item?: unknown;
}

/** Extra facts carried by a {@link DynamiteError}; each code fills the ones that apply. */
export interface DynamiteErrorDetails {
  cause?: unknown;
  /** Attribute path, e.g. `profile.tags[2]` (schema errors). */
  path?: string;
  /** What would have been valid (schema errors). */
  expected?: string;
  /** The value that was received (schema errors). */
  received?: unknown;
  /** The current item, when DynamoDB returned it (condition and version errors). */
  item?: unknown;
  /** Per-operation reasons (transaction cancellations). */
  reasons?: CancellationReason[];
  /** What was left unprocessed (batch errors): keys for batchGet, operations for batchWrite. */
  unprocessed?: unknown[];
  /** Items read before a batchGet gave up. */
  items?: unknown[];
  /** Refused writes (access policies). */
  denials?: unknown[];
}

/**
 * The one error class of `@symval/dynamite-orm`. `code` says what went wrong; the other fields
 * carry the facts that go with that code.
 *
 * @example
 * try {
 *   await db.as(viewer).put(user, { mode: 'create' });
 * } catch (error) {
 *   if (error instanceof DynamiteError && error.code === 'condition.failed') console.log(error.item);
 * }
 */
export class DynamiteError extends Error {
  override readonly name = 'DynamiteError';
  readonly code: DynamiteErrorCode;
  readonly path?: string;
  readonly expected?: string;
  readonly received?: unknown;
  readonly item?: unknown;
  readonly reasons?: CancellationReason[];
  readonly unprocessed?: unknown[];
  readonly items?: unknown[];
  readonly denials?: unknown[];

  constructor(code: DynamiteErrorCode, message: string, details: DynamiteErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.path !== undefined) this.path = details.path;
    if (details.expected !== undefined) this.expected = details.expected;
    if ('received' in details) this.received = details.received;
    if (details.item !== undefined) this.item = details.item;
    if (details.reasons !== undefined) this.reasons = details.reasons;
    if (details.unprocessed !== undefined) this.unprocessed = details.unprocessed;
    if (details.items !== undefined) this.items = details.items;
    if (details.denials !== undefined) this.denials = details.denials;
  }
}

/** Short, bounded description of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const text = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(text);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (value instanceof Set) return `Set(${value.size})`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return `object {${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}}`;
  }
  return typeof value;
}
