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
 * - `policy.denied`: an access policy refused the operation; `denials` says which and why.
 * - `request.aborted`: the operation's `AbortSignal` was aborted before or while it was sent.
 * - `entity.unknown`: a stored item of a single table is not of the entity (or entities) the
 *   operation expected; `entity` is the type it holds (`undefined` when it names none).
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
  | 'policy.denied'
  | 'request.aborted'
  | 'entity.unknown';

/**
 * A stored item as an error carries it: decoded leniently (it may be an old or foreign item),
 * keyed by field name. Cast it to the table's item type once you know which table it is from.
 */
export type StoredItem = Readonly<Record<string, unknown>>;

/** Why one operation of a cancelled transaction failed, in the order the operations were given. */
export interface CancellationReason {
  /** Position of the operation in the transaction. */
  index: number;
  /** The table the operation targeted (the physical name). */
  table: string;
  /** What the operation was. */
  operation: 'put' | 'update' | 'delete' | 'check' | 'get';
  /** DynamoDB's code: `None`, `ConditionalCheckFailed`, `TransactionConflict`, ... */
  code: string;
  message?: string;
  /** True when the operation's own condition failed because of the version attribute. */
  versionConflict: boolean;
  /** The current item, decoded, when DynamoDB returned it (ALL_OLD on a failed condition). */
  item?: StoredItem;
}

/** The write a policy refused, as an error shows it (the write check's view of it). */
export interface DeniedWrite {
  readonly type: 'put' | 'update' | 'delete' | 'check';
  /** The logical table name. */
  readonly table: string;
  /** The primary key the write targets, by field name. */
  readonly key: unknown;
}

/** One refusal of an access policy: which operation, where, and why. */
export interface PolicyDenial {
  /** Position of the operation in the list it came in (0 for a single operation). */
  readonly index: number;
  /** The logical table name. */
  readonly table: string;
  /** The operation refused: `get`, `put`, `batchWrite`, ... */
  readonly operation: string;
  /** The rule that denied, or why no rule allowed it. */
  readonly reason: string;
  /** The refused write, for write denials. */
  readonly write?: DeniedWrite;
}

/** A code that carries nothing but its message. */
type NoPayload = Record<never, never>;

/** The facts each code carries: what a caller who switched on `code` may read. */
export interface DynamiteErrorPayloads {
  'schema.invalid': {
    /** Attribute path, e.g. `profile.tags[2]`. */
    readonly path: string;
    /** What would have been valid. */
    readonly expected: string;
    /** The value that was received. */
    readonly received: unknown;
  };
  'definition.invalid': NoPayload;
  'request.invalid': NoPayload;
  'request.aborted': NoPayload;
  'condition.failed': {
    /** The current item, when DynamoDB returned it and the read policy lets the caller see it. */
    readonly item?: StoredItem;
  };
  'version.conflict': {
    /** The current item, when DynamoDB returned it and the read policy lets the caller see it. */
    readonly item?: StoredItem;
    /** The version that was expected. */
    readonly expected: string;
    /** The stored version (`undefined` when the item is gone). */
    readonly received: unknown;
  };
  'transaction.cancelled': {
    /** One reason per operation, in order. */
    readonly reasons: readonly CancellationReason[];
  };
  'batch.unprocessed': {
    /** What was left: keys for batchGet, `{ put }` / `{ delete }` operations for batchWrite. */
    readonly unprocessed: readonly StoredItem[];
    /** Items read before a batchGet gave up. */
    readonly items?: readonly StoredItem[];
  };
  'cursor.invalid': NoPayload;
  'policy.denied': {
    /** Every refusal: one for a single operation, one per refused write of a batch. */
    readonly denials: readonly PolicyDenial[];
  };
  'entity.unknown': {
    /** The entity type the stored item names, `undefined` when it names none. */
    readonly entity: string | undefined;
    /** The entities the operation reads or writes. */
    readonly entities: readonly string[];
  };
}

type PayloadKey = {
  [C in DynamiteErrorCode]: keyof DynamiteErrorPayloads[C];
}[DynamiteErrorCode];

/** The payload of one code, with every other code's fields known to be absent. */
type PayloadOf<C extends DynamiteErrorCode> = DynamiteErrorPayloads[C] & {
  readonly [K in Exclude<PayloadKey, keyof DynamiteErrorPayloads[C]>]?: undefined;
};

/** What the constructor takes for a code: its payload, and the cause. */
export type DynamiteErrorDetails<C extends DynamiteErrorCode = DynamiteErrorCode> =
  C extends DynamiteErrorCode ? DynamiteErrorPayloads[C] & { readonly cause?: unknown } : never;

/** The members every DynamiteError has, whatever its code. */
interface DynamiteErrorBase extends Error {
  readonly name: 'DynamiteError';
}

/**
 * The one error class of `@symval/dynamite-orm`. `code` says what went wrong; the fields that
 * go with that code are typed from it, so after `error.code === 'policy.denied'` the compiler
 * knows `error.denials`.
 *
 * @example
 * try {
 *   await db.as(viewer).put(user, { mode: 'create' });
 * } catch (error) {
 *   if (error instanceof DynamiteError && error.code === 'condition.failed') console.log(error.item);
 * }
 */
export type DynamiteError<C extends DynamiteErrorCode = DynamiteErrorCode> =
  C extends DynamiteErrorCode ? DynamiteErrorBase & { readonly code: C } & PayloadOf<C> : never;

/** The constructor of {@link DynamiteError}: `instanceof` narrows to the union of codes. */
export interface DynamiteErrorConstructor {
  new <C extends DynamiteErrorCode>(
    code: C,
    message: string,
    ...details: NoPayload extends DynamiteErrorPayloads[C]
      ? [details?: DynamiteErrorDetails<C>]
      : [details: DynamiteErrorDetails<C>]
  ): DynamiteError<C>;
  readonly prototype: DynamiteError;
}

const PAYLOAD_FIELDS = [
  'path',
  'expected',
  'received',
  'item',
  'reasons',
  'unprocessed',
  'items',
  'denials',
  'entity',
  'entities',
] as const;

/** The class behind {@link DynamiteError}; typed through {@link DynamiteErrorConstructor}. */
class DynamiteErrorClass extends Error {
  override readonly name = 'DynamiteError';
  readonly code: DynamiteErrorCode;

  constructor(code: DynamiteErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    // Every payload field is an own property, `undefined` where the code does not fill it.
    for (const field of PAYLOAD_FIELDS) (this as Record<string, unknown>)[field] = details[field];
  }
}
Object.defineProperty(DynamiteErrorClass, 'name', { value: 'DynamiteError' });

/** The one error class of `@symval/dynamite-orm` (see the type of the same name). */
export const DynamiteError = DynamiteErrorClass as unknown as DynamiteErrorConstructor;

/** True for a DynamiteError of the given code, typed by it. */
export function isDynamiteError<C extends DynamiteErrorCode>(
  error: unknown,
  code: C,
): error is DynamiteError<C> {
  return error instanceof DynamiteError && error.code === code;
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
