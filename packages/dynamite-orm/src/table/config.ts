// The vocabulary of a table's configuration: what `defineTable` takes, typed from the fields.
import type { TableErasure } from '../erasure-policy/decision.js';
import type { Billing, StreamViewType, Throughput } from '../model/table-shape.js';
import type { TableConfigPolicies } from '../policy/types.js';
import type { Fields } from '../schema/attribute.js';
import type { ItemSchema } from '../schema/item-schema.js';

type KeyScalar = string | number | bigint | Date | Uint8Array;

/** Fields that can be a table key: required, not nullable, stored as S, N or B. */
export type KeyField<F extends Fields> = {
  [K in keyof F & string]: F[K]['~types']['optional'] extends true
    ? never
    : null extends F[K]['~types']['out']
      ? never
      : F[K]['~types']['out'] extends KeyScalar
        ? K
        : never;
}[keyof F & string];

/** Fields that can be an index key: like table keys, but may be optional (a sparse index). */
export type IndexKeyField<F extends Fields> = {
  [K in keyof F & string]: null extends F[K]['~types']['out']
    ? never
    : NonNullable<F[K]['~types']['out']> extends KeyScalar
      ? K
      : never;
}[keyof F & string];

/** Fields that can hold the version number: required numbers. */
export type VersionField<F extends Fields> = {
  [K in keyof F & string]: F[K]['~types']['optional'] extends true
    ? never
    : F[K]['~types']['out'] extends number
      ? K
      : never;
}[keyof F & string];

/** Fields that can be the TTL attribute: dates or numbers (checked at run time for storage). */
export type TtlField<F extends Fields> = {
  [K in keyof F & string]: NonNullable<F[K]['~types']['out']> extends Date | number ? K : never;
}[keyof F & string];

/** A secondary index. */
export interface IndexConfig<F extends Fields> {
  readonly partitionKey: IndexKeyField<F>;
  readonly sortKey?: IndexKeyField<F>;
  /** `global` (default) or `local` (same partition key as the table, needs a sort key). */
  readonly type?: 'global' | 'local';
  /** `all` (default), `keys` (table and index keys only), or the extra fields to include. */
  readonly projection?: 'all' | 'keys' | readonly (keyof F & string)[];
  /** Capacity of a global index on a provisioned table (default: the table's). */
  readonly throughput?: Throughput;
}

/** Marks the type of the viewer every operation is made for. See {@link viewerType}. */
export interface ViewerType<V> {
  readonly '~viewer'?: V;
}

/**
 * Declares the viewer type of a table (the application's authenticated user, say).
 *
 * @example
 * const viewer = viewerType<{ userId: string }>(); // defineTable({ name: 'notes', viewer, … })
 */
export function viewerType<V>(): ViewerType<V> {
  return {};
}

/** The configuration of `defineTable`. */
export interface TableConfig<
  F extends Fields,
  PK extends string,
  SK extends string | undefined,
  Ix,
  Ver extends string | undefined,
  V,
> {
  /** The logical table name (the physical name can be overridden in `connect`). */
  readonly name: string;
  /** The item schema, from {@link defineItem}. */
  readonly item: ItemSchema<F>;
  readonly partitionKey: PK;
  readonly sortKey?: SK;
  /** Secondary indexes by name. */
  readonly indexes?: Ix;
  /** A required number field that optimistic locking increments on every write. */
  readonly version?: Ver;
  /**
   * The table holds items written before it had the version attribute, and keeps them: such an
   * item is "never versioned" and reads with version 0 (the type stays `number`). A write that
   * expects version 0 (`expectedVersion: 0`, a put of an item read with 0) requires the
   * attribute to be absent, or 0, and stores 1; `'any'` adds one to an absent version too;
   * every condition on the version, policies' included, counts an absent one as 0. Dynamite
   * never stores 0 itself. Default false: a stored item without its version is a schema error.
   */
  readonly allowMissingVersion?: boolean;
  /** A date (stored as epoch seconds) or number field DynamoDB expires items by. */
  readonly ttl?: TtlField<F>;
  /** Stream view type when the table has a stream. */
  readonly stream?: StreamViewType;
  /** Capacity mode; on-demand by default. */
  readonly billing?: Billing;
  /** The viewer type operations are made for; see {@link viewerType}. */
  readonly viewer?: ViewerType<V>;
  /** What the table holds, for people and exported documents. */
  readonly description?: string;
  /**
   * Who may read and write which items: ordered rules, the first `allow` or `deny` decides,
   * all `skip` denies. Without policies only system jobs (`asSystem`) may use the table and
   * every viewer operation is refused; `allowAll()` opens it to everyone explicitly.
   */
  readonly policies?: TableConfigPolicies<F, PK, SK, Ver, V>;
  /**
   * Whether a read the policy denies looks, to the viewer, exactly like a missing item: `get`
   * returns `undefined`, `batchGet` lists the key in `missing`, pages and iterators count
   * nothing in `denied`. The denial still goes to the connection's `onDeniedRead`. Default:
   * on for a table with an attribute marked `personalData` (where even an item's existence says
   * something about a person), off otherwise. System jobs are always told.
   */
  readonly concealDenied?: boolean;
  /**
   * What happens to the table's rows when a data subject is erased: `none` (with a written
   * justification), `subject`, or `cascade` edges from parent tables. See `deep` and `shallow`.
   */
  readonly erasure?: NoInfer<TableErasure<F, PK, SK, Ix, Ver, V>>;
}
