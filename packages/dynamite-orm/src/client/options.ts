import type { ConditionInput } from '../expressions/condition.js';
import type { QueryKey } from '../expressions/key-condition.js';
import type { UpdateActions } from '../expressions/update.js';
import type { LenientItem } from '../model/lenient.js';
import type {
  IndexName,
  ProjectedItem,
  TableInput,
  TableItem,
  TableKey,
  TableKeyNames,
  TableShape,
} from '../model/table-shape.js';
import type { BatchWriteOperation } from '../requests/batch.js';
import type { Cursor } from '../requests/cursor.js';
import type { PutMode } from '../requests/write.js';
import type { Simplify } from '../schema/infer.js';
import type { ReadOptions, ReadValidation } from '../schema/item-schema.js';
import type { RetryOptions } from './batch-retry.js';

/** The field names of items `T`, as a projection (`attributes`) lists them. */
export type FieldNames<T> = readonly (keyof T & string)[];

/**
 * An item as a read with `attributes: A` returns it: only the fields named (the whole item
 * when `A` is `undefined`).
 */
export type Projected<T, A> = A extends readonly (infer K)[]
  ? Simplify<Pick<T, Extract<K, keyof T>>>
  : T;

/** How a call reads: `lenient` when its `validation` (`V`) may be lenient, else `strict`. */
export type ReadMode<V> = 'lenient' extends V ? 'lenient' : 'strict';

/** An item as a read of mode `R` returns it: lenient reads may return unchecked items. */
export type Read<T, R extends ReadValidation> = R extends 'lenient' ? LenientItem<T> : T;

/** The typed update actions of a table (keys and the version are locked). */
export type TableUpdateActions<S extends TableShape> = UpdateActions<
  S['fields'],
  TableKeyNames<S> | Exclude<S['version'], undefined>
>;

/** Options of `get`. */
export interface GetOptions extends ReadOptions {
  /** Strongly consistent read. */
  consistentRead?: boolean;
}

/** Options of `put`. */
export interface PutOptions<S extends TableShape> {
  /**
   * `create`: fail with `condition.failed` if the key exists. `replace`: overwrite. Default:
   * `replace`, except on versioned tables where an item without a version is created and one
   * with a version replaces only that version.
   */
  mode?: PutMode;
  /** An extra condition on the stored item. */
  if?: ConditionInput<S['fields']>;
}

type VersionOption<S extends TableShape> = S['version'] extends string
  ? {
      /** The version that was read, or `'any'` to write whatever is stored (still increments). */
      expectedVersion: number | 'any';
    }
  : { expectedVersion?: never };

/** Options of `update`. */
export type UpdateOptions<S extends TableShape> = {
  /** An extra condition on the stored item. */
  if?: ConditionInput<S['fields']>;
  /** Create the item if it does not exist (default false: a missing item is `condition.failed`). */
  upsert?: boolean;
} & VersionOption<S> &
  ReadOptions;

/** Options of `delete`. */
export type DeleteOptions<S extends TableShape> = {
  /** An extra condition on the stored item. */
  if?: ConditionInput<S['fields']>;
} & VersionOption<S> &
  ReadOptions;

/** Versioned tables require the options argument (for `expectedVersion`). */
export type OptionsArgument<S extends TableShape, O> = S['version'] extends string
  ? [optionsWithExpectedVersion: O]
  : [options?: O];

/** A query on the table (`index` left out) or on one of its indexes. */
export interface QueryInput<S extends TableShape, I extends IndexName<S> | undefined>
  extends ReadOptions {
  index?: I;
  key: QueryKey<S, I>;
  /** A filter applied by DynamoDB after the key condition (items still count towards reads). */
  filter?: ConditionInput<S['fields']>;
  /** Newest (highest sort key) first. */
  descending?: boolean;
  /**
   * `query`: at most this many items in the page (requests continue until it is reached or the
   * results end). `queryAll`: at most this many items in total.
   */
  limit?: number;
  /** Continue after the page this cursor came from. */
  cursor?: Cursor | string;
  consistentRead?: boolean;
}

/** A scan of the table or of an index. */
export interface ScanInput<S extends TableShape, I extends IndexName<S> | undefined>
  extends ReadOptions {
  index?: I;
  filter?: ConditionInput<S['fields']>;
  limit?: number;
  cursor?: Cursor | string;
  consistentRead?: boolean;
  /** One segment of a parallel scan (for `scan`; `scanAll` takes `segments`). */
  segment?: { index: number; total: number };
}

/** `scanAll` options: `segments` scans that many segments in parallel. */
export interface ScanAllInput<S extends TableShape, I extends IndexName<S> | undefined>
  extends Omit<ScanInput<S, I>, 'segment' | 'cursor'> {
  segments?: number;
}

/** Options every count takes. */
export interface CountOptions {
  /** How items read for a checked count are decoded (see `validation` of reads). */
  validation?: ReadValidation;
  /**
   * Refuse (`policy.denied`) rather than read items when the read policy must look at them to
   * decide, so a count never costs more than DynamoDB's own.
   */
  requireDynamoCount?: boolean;
}

/** What a count found. */
export interface CountResult {
  /** Matching items the actor may read. */
  count: number;
  /** Matching items the read policy withheld (0 where the table conceals denied reads). */
  denied: number;
  /**
   * `dynamodb`: DynamoDB counted (`Select: 'COUNT'`; the policy allows every item). `checked`:
   * each item was read and checked by the read policy, and the readable ones counted.
   */
  countedBy: 'dynamodb' | 'checked';
  /** Query or Scan requests sent (a count pages through 1 MB at a time). */
  requests: number;
}

/** A count of a query's items: its key, index and filter (no paging: every match is counted). */
export type CountQueryInput<S extends TableShape, I extends IndexName<S> | undefined> = Omit<
  QueryInput<S, I>,
  'limit' | 'cursor' | 'descending' | 'validation'
> &
  CountOptions;

/** A count of a scan's items (the whole table or index, through the filter). */
export type CountScanInput<S extends TableShape, I extends IndexName<S> | undefined> = Omit<
  ScanInput<S, I>,
  'limit' | 'cursor' | 'segment' | 'validation'
> &
  CountOptions;

/** One page of results and the cursor to continue, if DynamoDB said there may be more. */
export interface Page<T> {
  items: T[];
  /** Items read but withheld by the table's read policy (left out of `items`). */
  denied: number;
  cursor?: Cursor;
}

/** What `queryAll` and `scanAll` return when they end. */
export interface ReadSummary {
  /** Items read but withheld by the table's read policy. */
  denied: number;
}

/**
 * The items of `queryAll` / `scanAll` as an async iterator. `denied` counts the items the read
 * policy withheld so far (final once iteration ends); the generator also returns it.
 *
 * @example
 * const notes = db.as(viewer).queryAll({ key: { ownerId: 'u1' } });
 * for await (const note of notes) show(note);
 * console.log(`${notes.denied} hidden`);
 */
export interface ItemIterator<T> extends AsyncGenerator<T, ReadSummary, undefined> {
  readonly denied: number;
}

/** The item type a query or scan on index `I` returns. */
export type QueryItem<S extends TableShape, I> = ProjectedItem<S, I>;

/** Result of `put`: the item as stored (defaults applied, new version). */
export interface PutResult<S extends TableShape> {
  item: TableItem<S>;
}

/**
 * Result of `update`: the whole item after the update, or `withheld: true` (and no item) when
 * the read policy does not let the viewer read it. The update happened either way.
 */
export type UpdateResult<S extends TableShape, R extends ReadValidation = 'strict'> =
  | { item: Read<TableItem<S>, R>; withheld: false }
  | { item: undefined; withheld: true };

/**
 * Result of `delete`: the item that was deleted, if one existed and the read policy lets the
 * viewer read it (`withheld: true` when it does not). The delete happened either way.
 */
export type DeleteResult<S extends TableShape, R extends ReadValidation = 'strict'> =
  | { item: Read<TableItem<S>, R> | undefined; withheld: false }
  | { item: undefined; withheld: true };

/** Options of `batchGet`. */
export interface BatchGetOptions extends ReadOptions {
  consistentRead?: boolean;
  /** Retries of unprocessed keys. */
  retry?: RetryOptions;
}

/** Result of `batchGet`: found items in the order of the keys, and the keys not found. */
export interface BatchGetResult<S extends TableShape, R extends ReadValidation = 'strict'> {
  items: Read<TableItem<S>, R>[];
  /** Keys with no stored item. */
  missing: TableKey<S>[];
  /** Items found but withheld by the table's read policy (neither in `items` nor `missing`). */
  denied: number;
  /** How many BatchGetItem requests were sent (retries included). */
  requests: number;
}

/** One operation of a table's batch write. */
export type TableBatchOperation<S extends TableShape> = BatchWriteOperation<
  TableInput<S>,
  TableKey<S>
>;

/** Options of `batchWrite`. */
export interface BatchWriteOptions {
  retry?: RetryOptions;
}

/** Result of `batchWrite`. */
export interface BatchWriteResult {
  /** Operations written. */
  written: number;
  /** How many BatchWriteItem requests were sent (retries included). */
  requests: number;
}
