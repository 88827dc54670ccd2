import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { authorizeWrites, type PlannedWrite, type TableOperation } from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import { keyFingerprint, keyOfStored } from '../model/table-model.js';
import type {
  IndexName,
  TableInput,
  TableItem,
  TableKey,
  TableShape,
} from '../model/table-shape.js';
import type { Actor } from '../policy/actor.js';
import {
  batchGetInput,
  batchWriteInput,
  chunk,
  planBatchGet,
  planBatchWrite,
} from '../requests/batch.js';
import { encodeCursor } from '../requests/cursor.js';
import {
  buildGet,
  buildQuery,
  buildScan,
  continuationKey,
  findIndex,
  type QueryRequest,
  requestLimit,
  type ScanRequest,
} from '../requests/read.js';
import { planDelete, planPut, planUpdate, type WritePlan } from '../requests/write.js';
import type { ReadValidation } from '../schema/item-schema.js';
import { drainBatch } from './batch-retry.js';
import { type Connection, decodeStored, decodeStoredKey, plannedWrite } from './connection.js';
import { toQueryRequest, toScanRequest, toWriteOptions } from './convert.js';
import { iterateWithDenied } from './item-iterator.js';
import { mergeAsync } from './merge.js';
import type {
  BatchGetOptions,
  BatchGetResult,
  BatchWriteOptions,
  BatchWriteResult,
  DeleteOptions,
  DeleteResult,
  GetOptions,
  ItemIterator,
  OptionsArgument,
  Page,
  PutOptions,
  PutResult,
  QueryInput,
  QueryItem,
  ScanAllInput,
  ScanInput,
  TableBatchOperation,
  TableUpdateActions,
  UpdateOptions,
  UpdateResult,
} from './options.js';
import { RequestBuilders } from './request-builders.js';
import { TransactionBuilders } from './transaction-builders.js';
import { conditionFailure, isConditionalCheckFailed } from './write-errors.js';

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
  readonly #connection: Connection<S>;

  constructor(connection: Connection<S>, actor: Actor<S['viewer']>) {
    this.#connection = connection;
    this.actor = actor;
    Object.freeze(this);
  }

  /** The exact requests operations would send, built without sending (the escape hatch). */
  get requests(): RequestBuilders<S> {
    return new RequestBuilders(this.#connection);
  }

  /** Transaction operations for {@link transactWrite}. */
  get tx(): TransactionBuilders<S> {
    return new TransactionBuilders(this.#connection, this.actor);
  }

  // ---- the single read path: decode, then reveal -------------------------------------------

  /**
   * Every operation starts here, before anything is sent: a system job's operation is logged,
   * a viewer's is refused if the table declares no policies.
   */
  #enter(operation: TableOperation): void {
    this.#connection.gate.enter(this.actor, operation);
  }

  #decode(
    raws: readonly Record<string, AttributeValue>[],
    validation: ReadValidation | undefined,
    index?: string,
  ): Record<string, unknown>[] {
    const model = findIndex(this.#connection.target.model, index);
    return raws.map((raw) => decodeStored(this.#connection, raw, validation, model));
  }

  /** Decodes items and keeps those the read policy lets this actor see. */
  async #reveal(
    raws: readonly Record<string, AttributeValue>[],
    validation: ReadValidation | undefined,
    index?: string,
  ): Promise<{ items: never[]; denied: number }> {
    const decoded = this.#decode(raws, validation, index);
    const visible = await this.#connection.gate.judgeReads(this.actor, decoded);
    if (visible === undefined) return { items: decoded as never[], denied: 0 };
    const items = decoded.filter((_, i) => visible[i]) as never[];
    return { items, denied: decoded.length - items.length };
  }

  /** The reason the read policy denies an item to this actor, if it does. */
  #readDenial(item: unknown): Promise<string | undefined> {
    return this.#connection.gate.readDenial(this.actor, item);
  }

  /**
   * Whether this actor may read an item a write brought back. The write has happened by then,
   * so nothing may throw: a read rule that fails counts as a denial (the item is withheld).
   */
  async #mayReadAfterWrite(item: unknown): Promise<boolean> {
    try {
      return (await this.#readDenial(item)) === undefined;
    } catch {
      return false;
    }
  }

  /** The item a write returned (ReturnValues), or `withheld` when the read policy denies it. */
  async #returned(
    raw: Record<string, AttributeValue> | undefined,
    validation: ReadValidation | undefined,
  ): Promise<{ item: never; withheld: false } | { item: undefined; withheld: true }> {
    if (!raw || Object.keys(raw).length === 0) return { item: undefined as never, withheld: false };
    const [item] = this.#decode([raw], validation);
    if (!(await this.#mayReadAfterWrite(item))) return { item: undefined, withheld: true };
    return { item: item as never, withheld: false };
  }

  // ---- the single write path: plan, check, send --------------------------------------------

  async #authorize(writes: PlannedWrite[]): Promise<void> {
    const { gate } = this.#connection;
    await authorizeWrites(writes.map((write) => ({ gate, actor: this.actor, write })));
  }

  async #sendWrite<T>(plan: WritePlan, operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        const failure = conditionFailure(
          this.#connection.target.model,
          operation,
          plan.expectation,
          error.Item,
          error,
        );
        throw await this.#withheldFromError(failure);
      }
      throw error;
    }
  }

  /** A failed write's error without the stored item when the read policy denies it. */
  async #withheldFromError(error: DynamiteError): Promise<DynamiteError> {
    if (error.item === undefined || (await this.#mayReadAfterWrite(error.item))) return error;
    return new DynamiteError(
      error.code,
      `${error.message} (the stored item is withheld: the read policy denies it)`,
      {
        cause: error.cause,
        ...(error.expected !== undefined ? { expected: error.expected } : {}),
      },
    );
  }

  // ---- operations ---------------------------------------------------------------------------

  /**
   * Reads one item by key; `undefined` when there is none. An item the read policy denies is
   * a `policy.denied` error (it exists, but not for this viewer).
   *
   * @example
   * const user = await db.as(viewer).get({ id: 'u1' }, { consistentRead: true });
   */
  async get(key: TableKey<S>, options: GetOptions = {}): Promise<TableItem<S> | undefined> {
    const input = buildGet(this.#connection.target, key, options);
    this.#enter('get');
    const out = await this.#connection.client.send(new GetItemCommand(input));
    if (!out.Item) return undefined;
    const [item] = this.#decode([out.Item], options.validation);
    const denial = await this.#readDenial(item);
    if (denial !== undefined) {
      throw new DynamiteError(
        'policy.denied',
        `get on ${this.#connection.table.name} refused: ${denial}`,
      );
    }
    return item as TableItem<S>;
  }

  /**
   * Writes a whole item, validated, defaults applied. `mode: 'create'` refuses to overwrite;
   * on versioned tables the version is checked and incremented. The result is what was
   * written (nothing is read back, so the read policy does not apply to it).
   *
   * @example
   * const { item } = await db.as(viewer).put({ id: 'u1', name: 'Ada' }, { mode: 'create' });
   */
  async put(item: TableInput<S>, options: PutOptions<S> = {}): Promise<PutResult<S>> {
    const plan = planPut(this.#connection.target, item, toWriteOptions(options));
    const write = plannedWrite(this.#connection, plan);
    this.#enter('put');
    await this.#authorize([write]);
    await this.#sendWrite(plan, 'put', () =>
      this.#connection.client.send(new PutItemCommand(plan.input)),
    );
    return { item: (write as { item: TableItem<S> }).item };
  }

  /**
   * Changes attributes of an existing item (or creates it with `upsert`) and returns the
   * whole new item, or `withheld: true` (and no item) when the read policy denies reading it:
   * the update has happened either way.
   *
   * @example
   * const { item } = await db.as(viewer).update({ id: 'u1' }, { increment: { logins: 1 } });
   */
  async update(
    key: TableKey<S>,
    actions: TableUpdateActions<S>,
    ...[options]: OptionsArgument<S, UpdateOptions<S>>
  ): Promise<UpdateResult<S>> {
    const plan = planUpdate(
      this.#connection.target,
      key,
      actions as Record<string, unknown>,
      toWriteOptions(options),
    );
    this.#enter('update');
    await this.#authorize([
      plannedWrite(this.#connection, { ...plan, changes: actions as Record<string, unknown> }),
    ]);
    const out = await this.#sendWrite(plan, 'update', () =>
      this.#connection.client.send(new UpdateItemCommand(plan.input)),
    );
    return this.#returned(out.Attributes, options?.validation);
  }

  /**
   * Deletes an item; returns the deleted item when there was one and the read policy lets
   * the viewer read it (`withheld: true` otherwise).
   *
   * @example
   * const { item } = await db.as(viewer).delete({ id: 'u1' }, { if: (c) => c.eq('status', 'closed') });
   */
  async delete(
    key: TableKey<S>,
    ...[options]: OptionsArgument<S, DeleteOptions<S>>
  ): Promise<DeleteResult<S>> {
    const plan = planDelete(this.#connection.target, key, toWriteOptions(options));
    this.#enter('delete');
    await this.#authorize([plannedWrite(this.#connection, plan)]);
    const out = await this.#sendWrite(plan, 'delete', () =>
      this.#connection.client.send(new DeleteItemCommand(plan.input)),
    );
    return this.#returned(out.Attributes, options?.validation);
  }

  /**
   * One page: requests continue until `limit` items the viewer may read are found or the
   * results end. The cursor is the key of the last item kept, so the next page starts right
   * after it; items the read policy withholds before that point are counted in `denied`.
   */
  async #page(
    operation: 'query' | 'scan',
    request: QueryRequest | ScanRequest,
    validation: ReadValidation | undefined,
  ): Promise<Page<never>> {
    const { target, client, gate } = this.#connection;
    const index = findIndex(target.model, request.index);
    const { limit } = request;
    const items: unknown[] = [];
    let denied = 0;
    let lastKey: Record<string, AttributeValue> | undefined;
    let first = true;
    this.#enter(operation);
    do {
      const next = { ...request, limit: requestLimit(request, items.length) };
      const startKey = first ? undefined : lastKey;
      const out =
        operation === 'query'
          ? await client.send(new QueryCommand(buildQuery(target, next as QueryRequest, startKey)))
          : await client.send(new ScanCommand(buildScan(target, next as ScanRequest, startKey)));
      first = false;
      lastKey = out.LastEvaluatedKey;
      const raws = out.Items ?? [];
      const decoded = this.#decode(raws, validation, request.index);
      const visible = await gate.judgeReads(this.actor, decoded);
      for (let i = 0; i < raws.length; i++) {
        if (visible && !visible[i]) {
          denied++;
          continue;
        }
        items.push(decoded[i]);
        if (items.length === limit) {
          if (i < raws.length - 1) lastKey = continuationKey(target.model, index, raws[i]!);
          break;
        }
      }
    } while (limit !== undefined && items.length < limit && lastKey);
    return {
      items: items as never[],
      denied,
      ...(lastKey ? { cursor: encodeCursor(request.index, lastKey) } : {}),
    };
  }

  /**
   * One page of a query. With `limit`, requests continue until that many items are found or
   * the results end; the cursor continues exactly after the last item evaluated. `denied`
   * counts the items the read policy withheld.
   *
   * @example
   * const page = await db.as(viewer).query({ key: { ownerId: 'u1', noteId: { beginsWith: '2024-' } }, limit: 20 });
   * const next = await db.as(viewer).query({ key: { ownerId: 'u1' }, cursor: page.cursor });
   */
  async query<I extends IndexName<S> | undefined = undefined>(
    input: QueryInput<S, I>,
  ): Promise<Page<QueryItem<S, I>>> {
    return this.#page('query', toQueryRequest(input), input.validation);
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
  queryAll<I extends IndexName<S> | undefined = undefined>(
    input: QueryInput<S, I>,
  ): ItemIterator<QueryItem<S, I>> {
    return iterateWithDenied((countDenied) => this.#queryAll(input, countDenied));
  }

  async *#queryAll<I extends IndexName<S> | undefined>(
    input: QueryInput<S, I>,
    countDenied: (n: number) => void,
  ): AsyncGenerator<QueryItem<S, I>, void, undefined> {
    const request = toQueryRequest(input);
    const { target, client } = this.#connection;
    let yielded = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    let first = true;
    this.#enter('queryAll');
    do {
      const query = buildQuery(
        target,
        { ...request, limit: requestLimit(request, yielded) },
        first ? undefined : startKey,
      );
      first = false;
      const out = await client.send(new QueryCommand(query));
      startKey = out.LastEvaluatedKey;
      const { items, denied } = await this.#reveal(
        out.Items ?? [],
        input.validation,
        request.index,
      );
      countDenied(denied);
      for (const item of items) {
        if (request.limit !== undefined && yielded >= request.limit) return;
        yield item;
        yielded++;
      }
    } while (startKey && (request.limit === undefined || yielded < request.limit));
  }

  /**
   * One page of a scan (optionally one segment of a parallel scan), like {@link query}.
   */
  async scan<I extends IndexName<S> | undefined = undefined>(
    input: ScanInput<S, I> = {},
  ): Promise<Page<QueryItem<S, I>>> {
    return this.#page('scan', toScanRequest(input), input.validation);
  }

  async *#scanSegment(
    request: ScanRequest,
    validation: ReadValidation | undefined,
    countDenied: (n: number) => void,
  ): AsyncGenerator<never, void, undefined> {
    const { target, client } = this.#connection;
    let startKey: Record<string, AttributeValue> | undefined;
    let first = true;
    do {
      const out = await client.send(
        new ScanCommand(buildScan(target, request, first ? undefined : startKey)),
      );
      first = false;
      startKey = out.LastEvaluatedKey;
      const { items, denied } = await this.#reveal(out.Items ?? [], validation, request.index);
      countDenied(denied);
      yield* items;
    } while (startKey);
  }

  /**
   * Every item of a scan as an async iterator; `segments: n` scans n segments in parallel and
   * yields items as they arrive. `limit` caps the total; `.denied` counts withheld items.
   *
   * @example
   * for await (const item of db.asSystem('export').scanAll({ segments: 4 })) write(item);
   */
  scanAll<I extends IndexName<S> | undefined = undefined>(
    input: ScanAllInput<S, I> = {},
  ): ItemIterator<QueryItem<S, I>> {
    return iterateWithDenied((countDenied) => this.#scanAll(input, countDenied));
  }

  async *#scanAll<I extends IndexName<S> | undefined>(
    input: ScanAllInput<S, I>,
    countDenied: (n: number) => void,
  ): AsyncGenerator<QueryItem<S, I>, void, undefined> {
    const {
      segments: total = 1,
      limit,
      ...rest
    } = input as ScanAllInput<S, I> & { limit?: number };
    const request = toScanRequest(rest);
    if (!Number.isSafeInteger(total) || total < 1 || total > 1_000_000) {
      throw new DynamiteError(
        'request.invalid',
        `scanAll: segments must be an integer from 1 to 1000000, got ${total}`,
      );
    }
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
      throw new DynamiteError('request.invalid', `limit must be a positive integer, got ${limit}`);
    }
    this.#enter('scanAll');
    const sources =
      total === 1
        ? [this.#scanSegment(request, input.validation, countDenied)]
        : Array.from({ length: total }, (_, index) =>
            this.#scanSegment(
              { ...request, segment: { index, total } },
              input.validation,
              countDenied,
            ),
          );
    const merged = total === 1 ? sources[0]! : mergeAsync(sources);
    let yielded = 0;
    for await (const item of merged) {
      yield item;
      yielded++;
      if (limit !== undefined && yielded >= limit) return;
    }
  }

  /**
   * Reads many items by key (any number: requests of 100, unprocessed keys retried with
   * backoff). Found items come back in the order of the keys; duplicates are read once.
   * Items the read policy denies are left out and counted in `denied` (not in `missing`).
   *
   * @example
   * const { items, missing } = await db.as(viewer).batchGet([{ id: 'u1' }, { id: 'u2' }]);
   */
  async batchGet(
    keys: readonly TableKey<S>[],
    options: BatchGetOptions = {},
  ): Promise<BatchGetResult<S>> {
    const connection = this.#connection;
    const { target, client } = connection;
    const { model, tableName } = target;
    const plan = planBatchGet(target, keys, options);
    this.#enter('batchGet');
    const found = new Map<string, Record<string, AttributeValue>>();
    let requests = 0;
    const parts = chunk(plan.keys, 100);
    for (let i = 0; i < parts.length; i++) {
      const drained = await drainBatch(
        parts[i]!,
        async (pending) => {
          const out = await client.send(
            new BatchGetItemCommand(batchGetInput(tableName, pending, options.consistentRead)),
          );
          for (const raw of out.Responses?.[tableName] ?? [])
            found.set(keyFingerprint(model, keyOfStored(model, raw)), raw);
          return out.UnprocessedKeys?.[tableName]?.Keys ?? [];
        },
        options.retry ?? connection.retry,
      );
      requests += drained.requests;
      if (drained.unprocessed.length > 0) {
        const left = [...drained.unprocessed, ...parts.slice(i + 1).flat()];
        const ordered = plan.fingerprints.flatMap((f) => (found.has(f) ? [found.get(f)!] : []));
        const { items } = await this.#reveal(ordered, options.validation);
        throw new DynamiteError(
          'batch.unprocessed',
          `batchGet on ${model.name}: ${left.length} keys still unprocessed after ${drained.requests} requests`,
          { unprocessed: left.map((key) => decodeStoredKey(connection, key)), items },
        );
      }
    }
    const ordered: Record<string, AttributeValue>[] = [];
    const missing: TableKey<S>[] = [];
    plan.fingerprints.forEach((fingerprint, index) => {
      const raw = found.get(fingerprint);
      if (raw) ordered.push(raw);
      else missing.push(decodeStoredKey(connection, plan.keys[index]!) as TableKey<S>);
    });
    const { items, denied } = await this.#reveal(ordered, options.validation);
    return { items, missing, denied, requests };
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
    const connection = this.#connection;
    const { target, client } = connection;
    const { model, tableName } = target;
    const plan = planBatchWrite(target, operations);
    const writes: PlannedWrite[] = plan.entries.map((entry) => plannedWrite(connection, entry));
    this.#enter('batchWrite');
    await this.#authorize(writes);
    let requests = 0;
    const parts = chunk(plan.requests, 25);
    for (let i = 0; i < parts.length; i++) {
      const drained = await drainBatch(
        parts[i]!,
        async (pending) => {
          const out = await client.send(
            new BatchWriteItemCommand(batchWriteInput(tableName, pending)),
          );
          return out.UnprocessedItems?.[tableName] ?? [];
        },
        options.retry ?? connection.retry,
      );
      requests += drained.requests;
      if (drained.unprocessed.length > 0) {
        const left: WriteRequest[] = [...drained.unprocessed, ...parts.slice(i + 1).flat()];
        throw new DynamiteError(
          'batch.unprocessed',
          `batchWrite on ${model.name}: ${left.length} operations not written after ${drained.requests} requests (earlier ones were written)`,
          {
            unprocessed: left.map((request) =>
              request.PutRequest
                ? { put: decodeStored(connection, request.PutRequest.Item ?? {}, 'lenient') }
                : { delete: decodeStoredKey(connection, request.DeleteRequest?.Key ?? {}) },
            ),
          },
        );
      }
    }
    return { written: plan.entries.length, requests };
  }
}
