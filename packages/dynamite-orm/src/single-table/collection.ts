// Collections: one query over a partition several entities share (a user and their orders),
// each item decoded by its own entity's schema and checked by its own read policy.
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type Caller, decodeAll, enter } from '../client/caller.js';
import {
  type Connection,
  type ConnectOptions,
  openConnection,
  withSignal,
} from '../client/connection.js';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import type { TemplateFields } from '../model/key-template.js';
import { keyOfStored } from '../model/table-model.js';
import type { TableShape } from '../model/table-shape.js';
import { type Actor, systemActor, viewerActor } from '../policy/actor.js';
import { type Cursor, encodeCursor } from '../requests/cursor.js';
import { buildQuery, continuationKey, findIndex, requestLimit } from '../requests/read.js';
import type { ReadValidation } from '../schema/item-schema.js';
import type { EntityDefinition } from './entity.js';
import { derivedIndex, physicalQueryKey, toEntityItem } from './entity-keys.js';
import type { EntityItem, EntityShape, SingleTableLike } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: members of any shape
type Member = EntityDefinition<any>;
type Shape<M> = M extends { readonly '~shape': infer E extends EntityShape } ? E : never;

/** One item of a collection: its entity's name and its item, typed by that entity. */
export type CollectionItem<Ms extends readonly Member[]> = {
  [K in keyof Ms]: { entity: Shape<Ms[K]>['name']; item: EntityItem<Shape<Ms[K]>> };
}[number];

type Viewers<Ms> = Ms extends readonly [infer A, ...infer R]
  ? Shape<A>['viewer'] & Viewers<R>
  : unknown;

type PartitionTemplate<E extends EntityShape, I> = I extends string
  ? E['indexes'][I]['partitionKey'] extends string
    ? E['indexes'][I]['partitionKey']
    : E['key']['partitionKey']
  : E['key']['partitionKey'];

/** The key of a collection query: the fields of the partition key its entities share. */
export type CollectionKey<Ms extends readonly Member[], I> = {
  [P in TemplateFields<PartitionTemplate<Shape<Ms[0]>, I>> & string]: NonNullable<
    EntityItem<Shape<Ms[0]>>[P & keyof EntityItem<Shape<Ms[0]>>]
  >;
};

/** A stored item of the partition that no entity of the collection declares. */
export interface UnknownItem {
  /** The entity type it names, `undefined` when it names none. */
  readonly entity: string | undefined;
  /** Its stored key, as DynamoDB holds it. */
  readonly key: Record<string, AttributeValue>;
}

/** One page of a collection query. */
export interface CollectionPage<T> {
  /** The items, in sort key order, each tagged with its entity. */
  items: T[];
  /** Items the read policy of their entity withheld. */
  denied: number;
  /**
   * Items of the partition of no entity of the collection, never decoded, with their stored
   * keys: for system jobs only. No read policy of the collection can judge them, and a key may
   * be personal data (a card number in a sort key), so a viewer is always given `[]`.
   */
  unknown: UnknownItem[];
  /**
   * How many such items the page passed over. A viewer is told the count (never the keys),
   * except where a member of the collection conceals denied reads: then it is 0 for them.
   */
  unknownCount: number;
  cursor?: Cursor;
}

/** A collection query: the shared partition key's fields. */
export interface CollectionQueryInput<K> {
  key: K;
  descending?: boolean;
  /** At most this many items in the page (requests continue until it is reached). */
  limit?: number;
  cursor?: Cursor | string;
  consistentRead?: boolean;
  validation?: ReadValidation;
}

function definitionError(message: string): never {
  throw new DynamiteError('definition.invalid', message);
}

/**
 * Entities sharing a partition, queried together. Defined by `table.collection([...])`:
 * every member must build the partition key of the table (or of `index`) with the same template.
 */
export class Collection<Ms extends readonly Member[], I extends string | undefined> {
  readonly table: SingleTableLike;
  readonly entities: Ms;
  readonly index: I;

  constructor(table: SingleTableLike, entities: Ms, index: I) {
    if (!Array.isArray(entities) || entities.length === 0) {
      definitionError(`a collection of ${table.name} needs at least one entity`);
    }
    const templates = new Set<string>();
    const names = new Set<string>();
    for (const entity of entities) {
      if (entity.table !== table)
        definitionError(`entity ${entity.name} is not an entity of ${table.name}`);
      if (names.has(entity.name)) definitionError(`entity ${entity.name} is twice in a collection`);
      names.add(entity.name);
      if (index !== undefined && !entity.keys.indexes.has(index)) {
        definitionError(
          `entity ${entity.name} is not in index ${index}, so it cannot be in a collection on it`,
        );
      }
      templates.add(derivedIndex(entity.keys, index).partitionKey.template.template);
    }
    if (templates.size > 1) {
      definitionError(
        `the entities of a collection share one partition key template${index ? ` on index ${index}` : ''}; these use ${[...templates].join(', ')}`,
      );
    }
    this.table = table;
    this.entities = entities;
    this.index = index;
    Object.freeze(this);
  }

  /** Binds the collection to a client (the same physical table name as its entities'). */
  connect(client: DynamoDBClient, options: ConnectOptions = {}): CollectionClient<Ms, I> {
    return new CollectionClient(this, client, options);
  }
}

/** A collection bound to a client. */
export class CollectionClient<Ms extends readonly Member[], I extends string | undefined> {
  readonly collection: Collection<Ms, I>;
  readonly #connections: ReadonlyMap<string, Connection<TableShape>>;
  readonly #physical: Connection<TableShape>;

  constructor(collection: Collection<Ms, I>, client: DynamoDBClient, options: ConnectOptions) {
    this.collection = collection;
    this.#connections = new Map(
      collection.entities.map((e) => [e.name, openConnection(e.definition, client, options)]),
    );
    this.#physical = openConnection(collection.table.physical, client, options);
    Object.freeze(this);
  }

  /** Queries for a viewer: each item passes its own entity's read policy. */
  as(viewer: Viewers<Ms>): CollectionViewer<Ms, I> {
    if (viewer === undefined || viewer === null) {
      throw new DynamiteError('request.invalid', `as needs a viewer, got ${describeValue(viewer)}`);
    }
    return new CollectionViewer(
      this.collection,
      this.#connections,
      this.#physical,
      viewerActor(viewer),
    );
  }

  /** Queries of a named trusted system job. */
  asSystem(name: string): CollectionViewer<Ms, I> {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new DynamiteError('request.invalid', 'asSystem needs a non-empty job name');
    }
    return new CollectionViewer(
      this.collection,
      this.#connections,
      this.#physical,
      systemActor(name),
    );
  }
}

/** A collection's query for one actor. */
export class CollectionViewer<Ms extends readonly Member[], I extends string | undefined> {
  readonly #collection: Collection<Ms, I>;
  readonly #connections: ReadonlyMap<string, Connection<TableShape>>;
  readonly #physical: Connection<TableShape>;
  readonly #actor: Actor<unknown>;

  constructor(
    collection: Collection<Ms, I>,
    connections: ReadonlyMap<string, Connection<TableShape>>,
    physical: Connection<TableShape>,
    actor: Actor<unknown>,
  ) {
    this.#collection = collection;
    this.#connections = connections;
    this.#physical = physical;
    this.#actor = actor;
    Object.freeze(this);
  }

  /** The same query, its requests sent with `signal` (aborted: `request.aborted`). */
  withSignal(signal: AbortSignal): CollectionViewer<Ms, I> {
    return new CollectionViewer(
      this.#collection,
      new Map([...this.#connections].map(([name, c]) => [name, withSignal(c, signal)])),
      withSignal(this.#physical, signal),
      this.#actor,
    );
  }

  /**
   * One page of the shared partition, items of every entity of the collection in sort key
   * order, each tagged with its entity (`switch (x.entity)` narrows `x.item`).
   *
   * @example
   * const page = await userWithOrders.as(viewer).query({ key: { userId: 'ada' } });
   * for (const x of page.items) if (x.entity === 'order') console.log(x.item.total);
   */
  async query(
    input: CollectionQueryInput<CollectionKey<Ms, I>>,
  ): Promise<CollectionPage<CollectionItem<Ms>>> {
    if (typeof input !== 'object' || input === null) {
      throw new DynamiteError('request.invalid', 'a collection query needs an input object');
    }
    const collection = this.#collection;
    const first = collection.entities[0]!;
    const derived = derivedIndex(first.keys, collection.index);
    const pk = derived.partitionKey;
    const given = (input.key ?? {}) as Record<string, unknown>;
    // Only the partition key: every entity builds its own sort key.
    const key = physicalQueryKey(first.keys, { ...derived, sortKey: undefined }, given);
    const callers = new Map<string, Caller<TableShape>>();
    for (const [name, connection] of this.#connections) {
      const caller = { connection, actor: this.#actor };
      enter(caller, 'query');
      callers.set(name, caller);
    }
    const { target, send } = this.#physical;
    const model = target.model;
    const index = findIndex(model, collection.index);
    const attribute = collection.table.entityAttribute;
    const request = {
      ...(collection.index !== undefined ? { index: collection.index } : {}),
      key: { [pk.field]: key[pk.field] },
      ...(input.descending ? { descending: true } : {}),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
      ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
      ...(input.consistentRead ? { consistentRead: true } : {}),
    };
    const items: { entity: string; item: unknown }[] = [];
    const unknown: UnknownItem[] = [];
    let unknownCount = 0;
    // Keys of items no member's policy can judge go to system jobs only.
    const listUnknown = this.#actor.kind === 'system';
    const countUnknown =
      listUnknown || ![...this.#connections.values()].some((c) => c.gate.conceals(this.#actor));
    let denied = 0;
    let lastKey: Record<string, AttributeValue> | undefined;
    let lastKept: Record<string, AttributeValue> | undefined;
    let firstRequest = true;
    // A viewer's cursor names only an item they were given: DynamoDB may stop on a withheld
    // item or on one of an entity outside the collection, whose key is not theirs to learn.
    const viewer = this.#actor.kind === 'viewer';
    do {
      const next = { ...request, limit: requestLimit(request, items.length) };
      const out = await send(
        new QueryCommand(buildQuery(target, next, firstRequest ? undefined : lastKey)),
      );
      firstRequest = false;
      lastKey = out.LastEvaluatedKey;
      const raws = out.Items ?? [];
      for (let i = 0; i < raws.length; i++) {
        const raw = raws[i]!;
        const type = raw[attribute]?.S;
        const caller = type === undefined ? undefined : callers.get(type);
        if (!caller) {
          if (listUnknown) unknown.push({ entity: type, key: keyOfStored(model, raw) });
          if (countUnknown) unknownCount++;
          continue;
        }
        const member = collection.entities.find((e) => e.name === type)!;
        const [decoded] = decodeAll(caller, [raw], input.validation, collection.index);
        const { gate } = caller.connection;
        const visible = await gate.judgeReads(caller.actor, [decoded]);
        if (visible && !visible[0]) {
          gate.reportDenied(caller.actor, 'query', [decoded]);
          if (!gate.conceals(caller.actor)) denied++;
          continue;
        }
        items.push({ entity: type!, item: toEntityItem(member.keys, decoded!) });
        lastKept = raw;
        if (items.length === input.limit) {
          if (i < raws.length - 1) lastKey = continuationKey(model, index, raw);
          break;
        }
      }
    } while (
      lastKey &&
      ((input.limit !== undefined && items.length < input.limit) || (viewer && items.length === 0))
    );
    if (viewer && lastKey && lastKept) lastKey = continuationKey(model, index, lastKept);
    return {
      items: items as never[],
      denied,
      unknown,
      unknownCount,
      ...(lastKey ? { cursor: encodeCursor(collection.index, lastKey) } : {}),
    };
  }
}
