import type {
  IndexName,
  TableInput,
  TableItem,
  TableKey,
  TableShape,
} from '../model/table-shape.js';
import type { Actor } from '../policy/actor.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { batchGet, batchWrite } from './batch.js';
import type { Caller } from './caller.js';
import { type Connection, withSignal } from './connection.js';
import { BatchBuilders } from './multi/batch-builders.js';
import type {
  BatchGetOptions,
  BatchGetResult,
  BatchWriteOptions,
  BatchWriteResult,
  CountQueryInput,
  CountResult,
  CountScanInput,
  DeleteOptions,
  DeleteResult,
  FieldNames,
  GetOptions,
  ItemIterator,
  OptionsArgument,
  Page,
  Projected,
  PutOptions,
  PutResult,
  QueryInput,
  QueryItem,
  Read,
  ReadMode,
  ScanAllInput,
  ScanInput,
  TableBatchOperation,
  TableUpdateActions,
  UpdateOptions,
  UpdateResult,
} from './options.js';
import { countQuery, countScan } from './projection/count.js';
import { getItem, queryAll, queryPage, scanAll, scanPage } from './read.js';
import { RequestBuilders } from './request-builders.js';
import { TransactionBuilders } from './transaction-builders.js';
import { deleteItem, putItem, updateItem } from './write.js';

/**
 * A table's operations for one actor (a viewer, or a named system job). Made by
 * `db.as(viewer)` / `db.asSystem(name)`; cheap to make per request and safe to share: it holds
 * no mutable state.
 *
 * Every item an operation returns goes through the table's read check, and every write is
 * planned, then checked, then sent; bulk writes are all checked before any request is sent.
 */
export class ViewerTable<S extends TableShape> {
  readonly actor: Actor<S['viewer']>;
  readonly #caller: Caller<S>;

  constructor(connection: Connection<S>, actor: Actor<S['viewer']>) {
    this.#caller = Object.freeze({ connection, actor });
    this.actor = actor;
    Object.freeze(this);
  }

  /**
   * The same operations, every request sent with `signal`: once it is aborted, an operation
   * waiting on DynamoDB (or started later) fails with `request.aborted`.
   *
   * @example
   * const page = await db.as(viewer).withSignal(AbortSignal.timeout(2000)).query({ key: { id: 'a' } });
   */
  withSignal(signal: AbortSignal): ViewerTable<S> {
    return new ViewerTable(withSignal(this.#caller.connection, signal), this.actor);
  }

  /** The exact requests operations would send, built without sending (the escape hatch). */
  get requests(): RequestBuilders<S> {
    return new RequestBuilders(this.#caller);
  }

  /** Writes for `batchWriteAll`, a batch across tables and entities. */
  get batch(): BatchBuilders<S> {
    return new BatchBuilders(this.#caller);
  }

  /** Transaction operations for `transactWrite`, and reads for `transactGet` / `batchGetAll`. */
  get tx(): TransactionBuilders<S> {
    return new TransactionBuilders(this.#caller.connection, this.actor);
  }

  // ---- reads (read.ts) ----------------------------------------------------------------------

  /**
   * Reads one item by key; `undefined` when there is none. An item the read policy denies is
   * a `policy.denied` error (it exists, but not for this viewer), or `undefined` on a table
   * that conceals denied reads. With `validation: 'lenient'` an item that does not match the
   * schema comes back unchecked (see `LenientItem`). `attributes` names the fields to return
   * (a projection; the result is typed as those fields; the read policy still checks the item).
   *
   * @example
   * const user = await db.as(viewer).get({ id: 'u1' }, { consistentRead: true });
   * const names = await db.as(viewer).get({ id: 'u1' }, { attributes: ['name'] }); // { name } | undefined
   */
  async get<
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<TableItem<S>> | undefined = undefined,
  >(
    key: TableKey<S>,
    options: GetOptions & { validation?: V; attributes?: A } = {},
  ): Promise<Read<Projected<TableItem<S>, A>, ReadMode<V>> | undefined> {
    return getItem(this.#caller, key, options) as never;
  }

  /**
   * One page of a query. With `limit`, requests continue until that many items are found or
   * the results end; the cursor continues exactly after the last item evaluated. `denied`
   * counts the items the read policy withheld. `attributes` projects as in {@link get}.
   *
   * @example
   * const page = await db.as(viewer).query({ key: { ownerId: 'u1', noteId: { beginsWith: '2024-' } }, limit: 20 });
   * const next = await db.as(viewer).query({ key: { ownerId: 'u1' }, cursor: page.cursor });
   */
  async query<
    I extends IndexName<S> | undefined = undefined,
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<TableItem<S>> | undefined = undefined,
  >(
    input: QueryInput<S, I> & { validation?: V; attributes?: A },
  ): Promise<Page<Read<Projected<QueryItem<S, I>, A>, ReadMode<V>>>> {
    return queryPage(this.#caller, input) as never;
  }

  /**
   * Every item of a query, page after page, as an async iterator. `limit` caps the total;
   * `.denied` counts the items the read policy withheld (final when the iteration ends).
   *
   * @example
   * const notes = db.as(viewer).queryAll({ key: { ownerId: 'u1' } });
   * for await (const note of notes) console.log(note);
   * console.log(notes.denied);
   */
  queryAll<
    I extends IndexName<S> | undefined = undefined,
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<TableItem<S>> | undefined = undefined,
  >(
    input: QueryInput<S, I> & { validation?: V; attributes?: A },
  ): ItemIterator<Read<Projected<QueryItem<S, I>, A>, ReadMode<V>>> {
    return queryAll(this.#caller, input) as never;
  }

  /**
   * One page of a scan (optionally one segment of a parallel scan), like {@link query};
   * `attributes` projects as in {@link get}.
   */
  async scan<
    I extends IndexName<S> | undefined = undefined,
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<TableItem<S>> | undefined = undefined,
  >(
    input: ScanInput<S, I> & { validation?: V; attributes?: A } = {},
  ): Promise<Page<Read<Projected<QueryItem<S, I>, A>, ReadMode<V>>>> {
    return scanPage(this.#caller, input) as never;
  }

  /**
   * Every item of a scan as an async iterator; `segments: n` scans n segments in parallel and
   * yields items as they arrive. `limit` caps the total; `.denied` counts withheld items.
   *
   * @example
   * for await (const item of db.asSystem('export').scanAll({ segments: 4 })) write(item);
   */
  scanAll<
    I extends IndexName<S> | undefined = undefined,
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<TableItem<S>> | undefined = undefined,
  >(
    input: ScanAllInput<S, I> & { validation?: V; attributes?: A } = {},
  ): ItemIterator<Read<Projected<QueryItem<S, I>, A>, ReadMode<V>>> {
    return scanAll(this.#caller, input) as never;
  }

  /**
   * How many items a query matches that the actor may read. DynamoDB counts
   * (`Select: 'COUNT'`, `countedBy: 'dynamodb'`) when the read policy allows the actor every
   * item without looking at it; otherwise each item is read and checked and the readable ones
   * are counted (`countedBy: 'checked'`), or, with `requireDynamoCount`, the count is refused
   * (`policy.denied`). A count never includes an item the actor may not read.
   *
   * @example
   * const { count } = await db.as(viewer).count({ key: { ownerId: 'u1' } });
   */
  async count<I extends IndexName<S> | undefined = undefined>(
    input: CountQueryInput<S, I>,
  ): Promise<CountResult> {
    return countQuery(this.#caller, input);
  }

  /** How many items a scan matches that the actor may read, decided as for {@link count}. */
  async countScan<I extends IndexName<S> | undefined = undefined>(
    input: CountScanInput<S, I> = {},
  ): Promise<CountResult> {
    return countScan(this.#caller, input);
  }

  // ---- writes (write.ts) --------------------------------------------------------------------

  /**
   * Writes a whole item, validated, defaults applied. `mode: 'create'` refuses to overwrite;
   * on versioned tables the version is checked and incremented. The result is what was
   * written (nothing is read back, so the read policy does not apply to it).
   *
   * @example
   * const { item } = await db.as(viewer).put({ id: 'u1', name: 'Ada' }, { mode: 'create' });
   */
  async put(item: TableInput<S>, options: PutOptions<S> = {}): Promise<PutResult<S>> {
    return putItem(this.#caller, item, options);
  }

  /**
   * Changes attributes of an existing item (or creates it with `upsert`) and returns the
   * whole new item, or `withheld: true` (and no item) when the read policy denies reading it:
   * the update has happened either way.
   *
   * @example
   * const { item } = await db.as(viewer).update({ id: 'u1' }, { increment: { logins: 1 } });
   */
  async update<V extends ReadValidation | undefined = undefined>(
    key: TableKey<S>,
    actions: TableUpdateActions<S>,
    ...[options]: OptionsArgument<S, UpdateOptions<S> & { validation?: V }>
  ): Promise<UpdateResult<S, ReadMode<V>>> {
    return updateItem(this.#caller, key, actions, options) as never;
  }

  /**
   * Deletes an item; returns the deleted item when there was one and the read policy lets
   * the viewer read it (`withheld: true` otherwise).
   *
   * @example
   * const { item } = await db.as(viewer).delete({ id: 'u1' }, { if: (c) => c.eq('status', 'closed') });
   */
  async delete<V extends ReadValidation | undefined = undefined>(
    key: TableKey<S>,
    ...[options]: OptionsArgument<S, DeleteOptions<S> & { validation?: V }>
  ): Promise<DeleteResult<S, ReadMode<V>>> {
    return deleteItem(this.#caller, key, options) as never;
  }

  // ---- batches (batch.ts) -------------------------------------------------------------------

  /**
   * Reads many items by key (any number: requests of 100, unprocessed keys retried with
   * backoff). Found items come back in the order of the keys; duplicates are read once.
   * Items the read policy denies are left out and counted in `denied` (not in `missing`).
   *
   * @example
   * const { items, missing } = await db.as(viewer).batchGet([{ id: 'u1' }, { id: 'u2' }]);
   */
  async batchGet<V extends ReadValidation | undefined = undefined>(
    keys: readonly TableKey<S>[],
    options: BatchGetOptions & { validation?: V } = {},
  ): Promise<BatchGetResult<S, ReadMode<V>>> {
    return batchGet(this.#caller, keys, options) as never;
  }

  /**
   * Puts and deletes many items (requests of 25, unprocessed items retried with backoff).
   * Every operation is validated and checked by the write policy before the first request is
   * sent: if any is denied, nothing is written and the `policy.denied` error lists them all.
   *
   * @example
   * await db.as(viewer).batchWrite([{ put: { id: 'u3', name: 'Lin' } }, { delete: { id: 'u4' } }]);
   */
  async batchWrite(
    operations: readonly TableBatchOperation<S>[],
    options: BatchWriteOptions = {},
  ): Promise<BatchWriteResult> {
    return batchWrite(this.#caller, operations, options);
  }
}
