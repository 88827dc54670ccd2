// An entity bound to a client, and its operations for one actor. Each operation translates the
// entity's fields into the shared table's stored keys, runs the entity's table operation
// (policies, validation, typed errors), and hands back the entity's item without the hidden
// key attributes.
import type {
  DeleteItemCommandInput,
  GetItemCommandInput,
  PutItemCommandInput,
  QueryCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { BatchWriteOp } from '../client/multi/batch-builders.js';
import type { GetOperation } from '../client/multi/get-operation.js';
import type {
  CountOptions,
  CountResult,
  FieldNames,
  GetOptions,
  ItemIterator,
  Page,
  Projected,
  Read,
  ReadMode,
  ReadSummary,
} from '../client/options.js';
import { keepFields } from '../client/projection/plan.js';
import { type ForeignCheck, foreignItem } from '../client/read.js';
import type { TransactKind, TransactOperation } from '../client/transact.js';
import type { ViewerTable } from '../client/viewer-table.js';
import type { TableClient } from '../define-table.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition, ConditionBuilder, ConditionInput } from '../expressions/condition.js';
import type { UpdateActions } from '../expressions/update.js';
import type { Cursor } from '../requests/cursor.js';
import type { PutMode } from '../requests/write.js';
import type { ReadOptions, ReadValidation } from '../schema/item-schema.js';
import {
  type DerivedIndex,
  deriveAttributes,
  derivedIndex,
  type EntityKeys,
  entityUpdateActions,
  physicalKey,
  physicalQueryKey,
  toEntityItem,
} from './entity-keys.js';
import type {
  EntityIndexName,
  EntityInput,
  EntityItem,
  EntityKey,
  EntityQueryKey,
  EntityShape,
  KeyTemplateFields,
} from './types.js';

type Fields<E extends EntityShape> = E['fields'];
// The entity's table has hidden key fields its callers never name: typed per entity above it.
// biome-ignore lint/suspicious/noExplicitAny: the table behind an entity, of its own shape
type AnyViewerTable = ViewerTable<any>;
// biome-ignore lint/suspicious/noExplicitAny: the table behind an entity, of its own shape
type AnyTableClient = TableClient<any>;
type Locked<E extends EntityShape> =
  | (KeyTemplateFields<E['key']> & string)
  | Exclude<E['version'], undefined>;

type VersionOption<E extends EntityShape> = E['version'] extends string
  ? { /** The version that was read, or `'any'`. */ expectedVersion: number | 'any' }
  : { expectedVersion?: never };

/** Options of an entity's `put`. */
export interface EntityPutOptions<E extends EntityShape> {
  /** `create`: fail with `condition.failed` if the key holds an item; `replace` (default) overwrites. */
  mode?: PutMode;
  if?: ConditionInput<Fields<E>>;
}

/** Options of an entity's `update`. */
export type EntityUpdateOptions<E extends EntityShape> = {
  if?: ConditionInput<Fields<E>>;
  /** Create the item if it does not exist. */
  upsert?: boolean;
} & VersionOption<E> &
  ReadOptions;

/** Options of an entity's `delete`. */
export type EntityDeleteOptions<E extends EntityShape> = {
  if?: ConditionInput<Fields<E>>;
} & VersionOption<E> &
  ReadOptions;

type OptionsArgument<E extends EntityShape, O> = E['version'] extends string
  ? [optionsWithExpectedVersion: O]
  : [options?: O];

/** The update actions of an entity: key fields cannot be changed (the item would move). */
export type EntityUpdateActions<E extends EntityShape> = UpdateActions<Fields<E>, Locked<E>>;

/** Read options of a read that names no attributes and validates strictly (the default). */
type PlainRead<O> = O & { attributes?: undefined; validation?: 'strict' };

/** A query of an entity's items without a projection. */
export interface EntityQueryBase<E extends EntityShape, I extends EntityIndexName<E> | undefined>
  extends ReadOptions {
  index?: I;
  key: EntityQueryKey<E, I>;
  filter?: ConditionInput<Fields<E>>;
  descending?: boolean;
  limit?: number;
  cursor?: Cursor | string;
  consistentRead?: boolean;
}

/** What every plain query takes besides its index and key (no projection, strict reads). */
export interface PlainQueryOptions<E extends EntityShape> {
  filter?: ConditionInput<Fields<E>>;
  descending?: boolean;
  limit?: number;
  cursor?: Cursor | string;
  consistentRead?: boolean;
  attributes?: undefined;
  validation?: 'strict';
}

/** A plain query on the table's key. */
export interface PlainTableQuery<E extends EntityShape> extends PlainQueryOptions<E> {
  index?: undefined;
  key: E['queryKeys']['undefined'];
}

/** A plain query on one of the entity's indexes. */
export interface PlainIndexQuery<E extends EntityShape, I extends string>
  extends PlainQueryOptions<E> {
  index: I;
  key: E['queryKeys'][I];
}

/**
 * A query without a projection, as a union told apart by `index`: nothing is inferred, so a
 * query's key type is looked up once, not re-derived for the index while it is being inferred.
 */
export type EntityPlainQuery<E extends EntityShape> =
  | PlainTableQuery<E>
  | { [I in EntityIndexName<E>]: PlainIndexQuery<E, I> }[EntityIndexName<E>];

/** A query of an entity's items, on the table's key or on one of the entity's indexes. */
export interface EntityQueryInput<E extends EntityShape, I extends EntityIndexName<E> | undefined>
  extends EntityQueryBase<E, I> {
  /** Return only these fields (a projection); the read policy still checks each item. */
  attributes?: FieldNames<EntityItem<E>>;
}

/** A count of an entity's items under a key (no paging: every match is counted). */
export type EntityCountInput<
  E extends EntityShape,
  I extends EntityIndexName<E> | undefined,
> = Omit<EntityQueryInput<E, I>, 'limit' | 'cursor' | 'descending' | 'attributes' | 'validation'> &
  CountOptions;

/** Result of an entity's `update` / `delete`. */
export type EntityWriteResult<E extends EntityShape, R extends ReadValidation = 'strict'> =
  | { item: Read<EntityItem<E>, R> | undefined; withheld: false }
  | { item: undefined; withheld: true };

/** An entity bound to a client. Operations are reached through an actor. */
export class EntityClient<E extends EntityShape> {
  /** The entity's table operations, with hidden key fields (the escape hatch). */
  readonly table: AnyTableClient;
  readonly #keys: EntityKeys;
  declare readonly '~shape': E;

  constructor(keys: EntityKeys, table: AnyTableClient) {
    this.#keys = keys;
    this.table = table;
    Object.freeze(this);
  }

  /** The physical table name requests go to. */
  get tableName(): string {
    return this.table.tableName;
  }

  /** Operations for a viewer; every read passes the entity's read policy, every write its write policy. */
  as(viewer: E['viewer']): EntityViewer<E> {
    return new EntityViewer(this.#keys, this.table.as(viewer as never) as AnyViewerTable);
  }

  /** Operations of a named trusted system job (logged; policies let it through only where they say so). */
  asSystem(name: string): EntityViewer<E> {
    return new EntityViewer(this.#keys, this.table.asSystem(name) as AnyViewerTable);
  }
}

function andIf(
  own: ConditionInput<never> | undefined,
  guard: (c: ConditionBuilder<never>) => Condition,
): ConditionInput<never> {
  return (c) => (own ? c.and(own(c), guard(c)) : guard(c));
}

/** The stored item at a key belongs to another entity: report it, never decode it as this one. */
function foreign(keys: EntityKeys, stored: unknown, key: unknown): never {
  const type = (stored as Record<string, unknown> | undefined)?.[keys.typeField];
  throw new DynamiteError(
    'entity.unknown',
    `the item at ${JSON.stringify(key)} is ${type === undefined ? 'of no entity (no entity type attribute)' : `of entity ${JSON.stringify(type)}`}, not ${keys.entity}`,
    { entity: typeof type === 'string' ? type : undefined, entities: [keys.entity] },
  );
}

function isForeign(keys: EntityKeys, stored: unknown): boolean {
  return (
    typeof stored === 'object' &&
    stored !== null &&
    (stored as Record<string, unknown>)[keys.typeField] !== keys.entity
  );
}

/**
 * A strict read failing on the entity type attribute means the stored item is another
 * entity's (or no entity's): turn it into `entity.unknown`.
 */
function rethrow(keys: EntityKeys, error: unknown, key: unknown): never {
  if (error instanceof DynamiteError) {
    if (error.code === 'schema.invalid' && error.path === keys.typeField) {
      throw new DynamiteError(
        'entity.unknown',
        `the item at ${JSON.stringify(key)} is ${error.received === undefined ? 'of no entity (no entity type attribute)' : `of entity ${JSON.stringify(error.received)}`}, not ${keys.entity}`,
        {
          entity: typeof error.received === 'string' ? error.received : undefined,
          entities: [keys.entity],
          cause: error,
        },
      );
    }
    if (
      (error.code === 'condition.failed' || error.code === 'version.conflict') &&
      error.item &&
      isForeign(keys, error.item)
    ) {
      foreign(keys, error.item, key);
    }
  }
  throw error;
}

/**
 * The fields an entity's projected read asks its table for: the ones named, plus the hidden
 * key attributes and the entity type, so the item is still recognised by its entity (and a
 * keys-only index can rebuild key fields). A hidden field cannot be named.
 */
function entityAttributes(keys: EntityKeys, attributes: unknown): string[] | undefined {
  if (attributes === undefined) return undefined;
  if (Array.isArray(attributes)) {
    for (const name of attributes) {
      if (keys.hidden.includes(name as string)) {
        throw new DynamiteError(
          'request.invalid',
          `attributes: ${JSON.stringify(name)} is not a field of entity ${keys.entity}`,
        );
      }
    }
  } else {
    throw new DynamiteError(
      'request.invalid',
      `attributes of entity ${keys.entity} must be a non-empty array of field names`,
    );
  }
  return [...new Set([...(attributes as string[]), ...keys.hidden])];
}

/** The read options an entity hands its table, and the fields its result keeps. */
function projectedOptions<O extends { attributes?: unknown }>(keys: EntityKeys, options: O) {
  const asked = options.attributes as readonly string[] | undefined;
  const attributes = entityAttributes(keys, asked);
  const { attributes: _, ...rest } = options;
  return { sent: attributes ? { ...rest, attributes } : rest, keep: asked };
}

/**
 * An entity's operations for one actor. Keys are given by the fields the key templates read;
 * the stored key attributes and the entity type are derived on every write, so they never
 * drift from the fields.
 */
export class EntityViewer<E extends EntityShape> {
  readonly #keys: EntityKeys;
  readonly #table: AnyViewerTable;

  constructor(keys: EntityKeys, table: AnyViewerTable) {
    this.#keys = keys;
    this.#table = table;
    Object.freeze(this);
  }

  /** The same operations, every request sent with `signal` (aborted: `request.aborted`). */
  withSignal(signal: AbortSignal): EntityViewer<E> {
    return new EntityViewer(this.#keys, this.#table.withSignal(signal));
  }

  #item(stored: unknown, key: unknown, index?: DerivedIndex): never {
    if (stored === undefined) return undefined as never;
    if (isForeign(this.#keys, stored)) foreign(this.#keys, stored, key);
    return toEntityItem(this.#keys, stored as Record<string, unknown>, index) as never;
  }

  #guard() {
    const { typeField, entity } = this.#keys;
    return (c: ConditionBuilder<never>) =>
      c.or(c.notExists(typeField as never), c.eq(typeField as never, entity as never));
  }

  /** Operations to send with others in one request: reads for `transactGet` / `batchGetAll`. */
  get tx(): EntityOperations<E> {
    return new EntityOperations(this.#keys, this.#table, (stored, key) => this.#item(stored, key));
  }

  /**
   * Writes for `batchWriteAll`. Batch writes carry no conditions, so unlike `put` they cannot
   * check that the key holds no item of another entity: where key templates of two entities
   * can build the same key, write with `put` or `transactWrite`.
   */
  get batch(): EntityBatch<E> {
    return new EntityBatch(this.#keys, this.#table);
  }

  /** The exact requests the operations would send (the escape hatch). */
  get requests(): EntityRequests<E> {
    return new EntityRequests(this.#keys, this.#table);
  }

  /**
   * Reads one item by its key fields; `undefined` when there is none. An item of another
   * entity at that key is `entity.unknown`, never decoded as this one (for a viewer on a table
   * that conceals denied reads it is `undefined`, reported to `onDeniedRead`). `attributes` returns
   * only the fields named (the read policy still checks the item).
   *
   * @example
   * const user = await db.as(viewer).get({ userId: 'ada' });
   * const named = await db.as(viewer).get({ userId: 'ada' }, { attributes: ['name'] });
   */
  // The plain read first: most calls name no attributes and no lenient validation, and match it
  // without the projection and read-mode types being worked out for each entity.
  get(key: EntityKey<E>, options?: PlainRead<GetOptions>): Promise<EntityItem<E> | undefined>;
  get<
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<EntityItem<E>> | undefined = undefined,
  >(
    key: EntityKey<E>,
    options?: GetOptions & { validation?: V; attributes?: A },
  ): Promise<Read<Projected<EntityItem<E>, A>, ReadMode<V>> | undefined>;
  async get(
    key: EntityKey<E>,
    options: GetOptions & { attributes?: readonly string[] } = {},
  ): Promise<unknown> {
    const physical = physicalKey(this.#keys, key);
    const { sent, keep } = projectedOptions(this.#keys, options);
    const { typeField, entity } = this.#keys;
    // On a concealing table a viewer finds another entity's item missing, not entity.unknown.
    const check: ForeignCheck = { [foreignItem]: { field: typeField, value: entity } };
    try {
      const stored = await this.#table.get(physical as never, { ...sent, ...check });
      return keepFields(this.#item(stored, key), keep);
    } catch (error) {
      return rethrow(this.#keys, error, key);
    }
  }

  /**
   * Writes a whole item; the key attributes, index keys and entity type are derived from it.
   * Refuses to overwrite another entity's item at the same key (`entity.unknown`).
   */
  async put(
    item: EntityInput<E>,
    options: EntityPutOptions<E> = {},
  ): Promise<{ item: EntityItem<E> }> {
    const stored = {
      ...(item as object),
      ...deriveAttributes(this.#keys, item as Record<string, unknown>),
    };
    try {
      const result = await this.#table.put(
        stored as never,
        {
          ...options,
          if: andIf(options.if as never, this.#guard()),
        } as never,
      );
      return { item: this.#item(result.item, item) };
    } catch (error) {
      if (
        options.mode === 'create' &&
        error instanceof DynamiteError &&
        error.code === 'condition.failed'
      )
        throw error;
      return rethrow(this.#keys, error, item);
    }
  }

  /**
   * Changes attributes of an item. Index keys built from changed fields are rewritten in the
   * same request (the update must set every field they read); key fields cannot change.
   */
  async update<V extends ReadValidation | undefined = undefined>(
    key: EntityKey<E>,
    actions: EntityUpdateActions<E>,
    ...[options]: OptionsArgument<E, EntityUpdateOptions<E> & { validation?: V }>
  ): Promise<EntityWriteResult<E, ReadMode<V>>> {
    const physical = physicalKey(this.#keys, key);
    const sent = entityUpdateActions(
      this.#keys,
      key as Record<string, unknown>,
      actions as Record<string, unknown>,
    );
    const own = (options ?? {}) as { if?: ConditionInput<never>; upsert?: boolean };
    const { typeField, entity } = this.#keys;
    const guard = own.upsert
      ? this.#guard()
      : (c: ConditionBuilder<never>) => c.eq(typeField as never, entity as never);
    try {
      const result = await (
        this.#table.update as (...args: unknown[]) => Promise<{ item: unknown; withheld: boolean }>
      )(physical, sent, { ...own, if: andIf(own.if, guard) });
      return { ...result, item: this.#item(result.item, key) } as never;
    } catch (error) {
      return rethrow(this.#keys, error, key);
    }
  }

  /** Deletes an item by its key fields; another entity's item at that key is left alone (`entity.unknown`). */
  async delete<V extends ReadValidation | undefined = undefined>(
    key: EntityKey<E>,
    ...[options]: OptionsArgument<E, EntityDeleteOptions<E> & { validation?: V }>
  ): Promise<EntityWriteResult<E, ReadMode<V>>> {
    const physical = physicalKey(this.#keys, key);
    const own = (options ?? {}) as { if?: ConditionInput<never> };
    try {
      const result = await (
        this.#table.delete as (...args: unknown[]) => Promise<{ item: unknown; withheld: boolean }>
      )(physical, { ...own, if: andIf(own.if, this.#guard()) });
      return { ...result, item: this.#item(result.item, key) } as never;
    } catch (error) {
      return rethrow(this.#keys, error, key);
    }
  }

  /**
   * One page of the entity's items under a key: all partition key fields, then sort key fields
   * from the left, the last optionally a condition (`{ orderDate: { beginsWith: '2024-' } }`).
   * Only this entity's items are returned (the entity type is in the filter).
   */
  // As for `get`: the plain query first, without the projection and read-mode types.
  query(input: EntityPlainQuery<E>): Promise<Page<EntityItem<E>>>;
  query<
    I extends EntityIndexName<E> | undefined = undefined,
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<EntityItem<E>> | undefined = undefined,
  >(
    input: EntityQueryInput<E, I> & { validation?: V; attributes?: A },
  ): Promise<Page<Read<Projected<EntityItem<E>, A>, ReadMode<V>>>>;
  async query(input: EntityQueryInput<EntityShape, string | undefined>): Promise<unknown> {
    const { index, sent, keep } = queryOf(this.#keys, input as never);
    const page = await this.#table.query(sent as never);
    return {
      ...page,
      items: page.items.map((item) => keepFields(this.#item(item, input.key, index), keep)),
    } as never;
  }

  /**
   * How many of the entity's items a query matches that the actor may read: DynamoDB's count
   * where the entity's read policy allows the actor every item unseen, else each item is read
   * and checked (see the table's `count`).
   *
   * @example
   * const { count } = await orders.as(viewer).count({ key: { userId: 'ada' } });
   */
  async count<I extends EntityIndexName<E> | undefined = undefined>(
    input: EntityCountInput<E, I>,
  ): Promise<CountResult> {
    const { sent } = queryOf(this.#keys, input as never);
    return this.#table.count(sent as never);
  }

  /** Every item of an entity query, as an async iterator (`.denied` counts withheld items). */
  queryAll(input: EntityPlainQuery<E>): ItemIterator<EntityItem<E>>;
  queryAll<
    I extends EntityIndexName<E> | undefined = undefined,
    V extends ReadValidation | undefined = undefined,
    const A extends FieldNames<EntityItem<E>> | undefined = undefined,
  >(
    input: EntityQueryInput<E, I> & { validation?: V; attributes?: A },
  ): ItemIterator<Read<Projected<EntityItem<E>, A>, ReadMode<V>>>;
  queryAll(input: EntityQueryInput<EntityShape, string | undefined>): ItemIterator<unknown> {
    const { index, sent, keep } = queryOf(this.#keys, input as never);
    const inner = this.#table.queryAll(sent as never) as ItemIterator<unknown>;
    const map = (item: unknown) => keepFields(this.#item(item, input.key, index), keep);
    async function* run(): AsyncGenerator<never, ReadSummary, undefined> {
      for await (const item of inner) yield map(item);
      return { denied: inner.denied };
    }
    const iterator = run();
    Object.defineProperty(iterator, 'denied', { get: () => inner.denied });
    return iterator as never;
  }
}

function queryOf(keys: EntityKeys, input: EntityQueryInput<EntityShape, string | undefined>) {
  if (typeof input !== 'object' || input === null) {
    throw new DynamiteError(
      'request.invalid',
      `query of entity ${keys.entity} needs an input object`,
    );
  }
  const index = derivedIndex(keys, input.index);
  const { typeField, entity } = keys;
  const own = input.filter as ConditionInput<never> | undefined;
  const projected = projectedOptions(keys, input as { attributes?: unknown });
  const sent = {
    ...projected.sent,
    key: physicalQueryKey(keys, index, input.key),
    filter: andIf(own, (c) => c.eq(typeField as never, entity as never)),
  };
  if (input.index === undefined) delete (sent as { index?: unknown }).index;
  return { index, sent, keep: projected.keep };
}

/** The condition that the key holds this entity's item (`absentToo`: or none). */
function typeGuard(keys: EntityKeys, absentToo: boolean) {
  const { typeField, entity } = keys;
  return (c: ConditionBuilder<never>) =>
    absentToo
      ? c.or(c.notExists(typeField as never), c.eq(typeField as never, entity as never))
      : c.eq(typeField as never, entity as never);
}

/**
 * An entity's operations for `transactGet` / `batchGetAll` (reads) and `transactWrite`
 * (writes). Each read is decoded by the entity, checked by its read policy, and an item of
 * another entity at the key is `entity.unknown`. Writes derive key attributes and the entity
 * type as `put` / `update` / `delete` do, and carry the same guard against another entity's
 * item at the key (a transaction it fails is `transaction.cancelled`).
 */
export class EntityOperations<E extends EntityShape> {
  readonly #keys: EntityKeys;
  readonly #table: AnyViewerTable;
  readonly #item: (stored: unknown, key: unknown) => unknown;

  constructor(
    keys: EntityKeys,
    table: AnyViewerTable,
    item: (stored: unknown, key: unknown) => unknown,
  ) {
    this.#keys = keys;
    this.#table = table;
    this.#item = item;
    Object.freeze(this);
  }

  /** A read of one item by its key fields; `attributes` projects it as in `get`. */
  get<const A extends FieldNames<EntityItem<E>> | undefined = undefined>(
    key: EntityKey<E>,
    options: { attributes?: A } = {},
  ): GetOperation<Projected<EntityItem<E>, A>> {
    const keys = this.#keys;
    const { sent, keep } = projectedOptions(keys, options);
    const op = this.#table.tx.get(physicalKey(keys, key) as never, sent) as GetOperation<unknown>;
    return Object.freeze({
      ...op,
      finish: (item: Record<string, unknown>) => keepFields(this.#item(item, key), keep) as never,
      rethrow: (error: unknown) => rethrow(keys, error, key),
    }) as GetOperation<never>;
  }

  /** The table's operation, its items returned as the entity's (`returnItems`). */
  #wrap<K extends TransactKind>(op: TransactOperation, key: unknown) {
    const keys = this.#keys;
    const finish = (item: Record<string, unknown>) => this.#item(item, key);
    const readBack = op.readBack;
    return Object.freeze({
      ...op,
      finish,
      ...(readBack
        ? {
            readBack: () =>
              Object.freeze({
                ...readBack(),
                finish,
                rethrow: (error: unknown) => rethrow(keys, error, key),
              }),
          }
        : {}),
    }) as TransactOperation<EntityItem<E>, K>;
  }

  /** A put in a transaction (refused by DynamoDB if another entity's item is at the key). */
  put(
    item: EntityInput<E>,
    options: EntityPutOptions<E> = {},
  ): TransactOperation<EntityItem<E>, 'put'> {
    const stored = {
      ...(item as object),
      ...deriveAttributes(this.#keys, item as Record<string, unknown>),
    };
    const op = this.#table.tx.put(
      stored as never,
      { ...options, if: andIf(options.if as never, typeGuard(this.#keys, true)) } as never,
    );
    return this.#wrap(op, item);
  }

  /** An update in a transaction (index keys built from changed fields rewritten). */
  update(
    key: EntityKey<E>,
    actions: EntityUpdateActions<E>,
    ...[options]: OptionsArgument<E, EntityUpdateOptions<E>>
  ): TransactOperation<EntityItem<E>, 'update'> {
    const own = (options ?? {}) as { if?: ConditionInput<never>; upsert?: boolean };
    const sent = entityUpdateActions(
      this.#keys,
      key as Record<string, unknown>,
      actions as Record<string, unknown>,
    );
    const op = (this.#table.tx.update as (...args: unknown[]) => TransactOperation)(
      physicalKey(this.#keys, key),
      sent,
      { ...own, if: andIf(own.if, typeGuard(this.#keys, own.upsert === true)) },
    );
    return this.#wrap(op, key);
  }

  /** A delete in a transaction (another entity's item at the key is left alone). */
  delete(
    key: EntityKey<E>,
    ...[options]: OptionsArgument<E, EntityDeleteOptions<E>>
  ): TransactOperation<EntityItem<E>, 'delete'> {
    const own = (options ?? {}) as { if?: ConditionInput<never> };
    const op = (this.#table.tx.delete as (...args: unknown[]) => TransactOperation)(
      physicalKey(this.#keys, key),
      { ...own, if: andIf(own.if, typeGuard(this.#keys, true)) },
    );
    return this.#wrap(op, key);
  }
}

/** An entity's writes for `batchWriteAll`: key attributes and entity type derived as in `put`. */
export class EntityBatch<E extends EntityShape> {
  readonly #keys: EntityKeys;
  readonly #table: AnyViewerTable;

  constructor(keys: EntityKeys, table: AnyViewerTable) {
    this.#keys = keys;
    this.#table = table;
    Object.freeze(this);
  }

  /** A put of a whole item (versioned entities refuse it: a batch cannot keep the version). */
  put(item: EntityInput<E>): BatchWriteOp {
    const stored = {
      ...(item as object),
      ...deriveAttributes(this.#keys, item as Record<string, unknown>),
    };
    return this.#table.batch.put(stored as never);
  }

  /** A delete by the key fields. */
  delete(key: EntityKey<E>): BatchWriteOp {
    return this.#table.batch.delete(physicalKey(this.#keys, key) as never);
  }
}

/** The exact requests of an entity's operations, built without sending. */
export class EntityRequests<E extends EntityShape> {
  readonly #keys: EntityKeys;
  readonly #table: AnyViewerTable;

  constructor(keys: EntityKeys, table: AnyViewerTable) {
    this.#keys = keys;
    this.#table = table;
  }

  /** The GetItem input of `get`. */
  get(key: EntityKey<E>, options: GetOptions = {}): GetItemCommandInput {
    return this.#table.requests.get(physicalKey(this.#keys, key) as never, options);
  }

  /** The PutItem input of `put` (before the write policy's conditions). */
  put(item: EntityInput<E>, options: EntityPutOptions<E> = {}): PutItemCommandInput {
    const stored = {
      ...(item as object),
      ...deriveAttributes(this.#keys, item as Record<string, unknown>),
    };
    const { typeField, entity } = this.#keys;
    return this.#table.requests.put(
      stored as never,
      {
        ...options,
        if: andIf(options.if as never, (c) =>
          c.or(c.notExists(typeField as never), c.eq(typeField as never, entity as never)),
        ),
      } as never,
    );
  }

  /** The UpdateItem input of `update`, index keys included. */
  update(
    key: EntityKey<E>,
    actions: EntityUpdateActions<E>,
    ...[options]: OptionsArgument<E, EntityUpdateOptions<E>>
  ): UpdateItemCommandInput {
    const own = (options ?? {}) as { if?: ConditionInput<never>; upsert?: boolean };
    const { typeField, entity } = this.#keys;
    const guard = (c: ConditionBuilder<never>) =>
      own.upsert
        ? c.or(c.notExists(typeField as never), c.eq(typeField as never, entity as never))
        : c.eq(typeField as never, entity as never);
    return (this.#table.requests.update as (...args: unknown[]) => UpdateItemCommandInput)(
      physicalKey(this.#keys, key),
      entityUpdateActions(
        this.#keys,
        key as Record<string, unknown>,
        actions as Record<string, unknown>,
      ),
      { ...own, if: andIf(own.if, guard) },
    );
  }

  /** The DeleteItem input of `delete`. */
  delete(
    key: EntityKey<E>,
    ...[options]: OptionsArgument<E, EntityDeleteOptions<E>>
  ): DeleteItemCommandInput {
    const own = (options ?? {}) as { if?: ConditionInput<never> };
    const { typeField, entity } = this.#keys;
    return (this.#table.requests.delete as (...args: unknown[]) => DeleteItemCommandInput)(
      physicalKey(this.#keys, key),
      {
        ...own,
        if: andIf(own.if, (c) =>
          c.or(c.notExists(typeField as never), c.eq(typeField as never, entity as never)),
        ),
      },
    );
  }

  /** The Query input of `query` (the read policy's pushed part included, for this actor). */
  query<I extends EntityIndexName<E> | undefined = undefined>(
    input: EntityQueryInput<E, I>,
  ): QueryCommandInput {
    return this.#table.requests.query(queryOf(this.#keys, input as never).sent as never);
  }
}
