import type { QueryKey } from '../expressions/key-condition.js';
import type { AnyTableLike } from '../model/table-like.js';
import type { IndexName, IndexShape, TableShape } from '../model/table-shape.js';
import type { Fields } from '../schema/attribute.js';
import type { InferItem, OptionalPaths, PathOf } from '../schema/infer.js';

/**
 * An entity of a single table as an edge's parent, seen structurally (entities are defined in
 * a layer above this one): its fields type the parent row an edge's key function gets.
 */
export interface EntityParentLike {
  readonly '~shape': { readonly fields: Fields };
  /** The entity's name. */
  readonly name: string;
  /** The single table it belongs to. */
  readonly table: { readonly name: string; readonly entityAttribute: string };
}

/** What an edge can start from: a table, or an entity of a single table. */
export type ErasureParent = AnyTableLike | EntityParentLike;

/** The row an edge's key function gets: the parent table's (or entity's) item. */
export type ParentItem<P> = P extends {
  readonly '~shape': { readonly fields: infer F extends Fields };
}
  ? InferItem<F>
  : never;

/**
 * A parent table: the definition itself (or an entity of a single table); a function
 * returning it, when the parent is defined later in the module; or its name, for a table that
 * cascades from itself or tables that cascade from each other (TypeScript cannot infer a type
 * that refers to itself, so the key function's parameter is annotated:
 * `deep('messages', { key: (m: MessageItem) => ... })`). A name is looked up among the tables
 * erasure is given; an entity's name is `table/entity` (`'app/user'`).
 */
export type TableRef<T extends ErasureParent = ErasureParent> = T | (() => T) | string;

/** What every edge carries, whatever the tables. */
export interface EdgeBase {
  /** The table whose erased rows this edge starts from. */
  readonly parent: TableRef;
  /** Why the edge exists, for reports and reviews. */
  readonly description?: string;
}

/**
 * Delete the rows of this table found from an erased parent row (and cascade from them).
 * Made by {@link deep}.
 */
export interface DeepEdge<
  Parent = never,
  I extends string | undefined = string | undefined,
  K = unknown,
> extends EdgeBase {
  readonly kind: 'deep';
  /** The index queried; `undefined` queries the table's own key. */
  readonly index: I;
  /** Builds the key query from the parent row; `undefined` when the row leads nowhere. */
  readonly key: (parent: Parent) => K | undefined;
}

/**
 * Remove named fields from the rows of this table found from an erased parent row; the rows
 * stay (a person disassociated from content they do not own). Made by {@link shallow}.
 */
export interface ShallowEdge<
  Parent = never,
  I extends string | undefined = string | undefined,
  K = unknown,
  R extends string = string,
> extends EdgeBase {
  readonly kind: 'shallow';
  readonly index: I;
  readonly key: (parent: Parent) => K | undefined;
  /** Optional attribute paths removed from each row found. */
  readonly remove: readonly R[];
}

/** Any edge, as the walk sees it. */
export type AnyErasureEdge = DeepEdge<never> | ShallowEdge<never>;

/**
 * The ways rows can be found, from `Keys`: the key query each index takes by index name, and
 * the key query of the table's own key under `'undefined'`. Tables and single-table entities
 * both give their decisions through it.
 */
export type AccessPathOver<Keys, Source> =
  | {
      readonly index?: undefined;
      readonly key: (source: Source) => Keys['undefined' & keyof Keys] | undefined;
    }
  | {
      [I in Exclude<keyof Keys, 'undefined'> & string]: {
        readonly index: I;
        readonly key: (source: Source) => Keys[I] | undefined;
      };
    }[Exclude<keyof Keys, 'undefined'> & string];

/** An edge into rows of fields `F` found through the access paths `Keys`. */
export type CascadeEdgeOver<F extends Fields, Keys> =
  | (EdgeBase & { readonly kind: 'deep' } & AccessPathOver<Keys, never>)
  | (EdgeBase & {
      readonly kind: 'shallow';
      readonly remove: readonly OptionalPaths<F>[];
    } & AccessPathOver<Keys, never>);

/**
 * An erasure decision over rows of fields `F` found through the access paths `Keys`:
 *
 * - `none`: the rows stay when a person is erased (configuration, system data, or records kept
 *   on purpose); the written justification goes to manual review, and `keeps` says why each
 *   personal attribute is kept.
 * - `subject`: rows that are the data subject's own, found from the subject id by a key or index
 *   query.
 * - `cascade`: rows reached from erased rows of parents through declared edges: deleted
 *   ({@link deep}) or disassociated by removing fields ({@link shallow}).
 */
export type DecisionOver<F extends Fields, Keys> =
  | {
      readonly kind: 'none';
      readonly justification: string;
      /**
       * Why each personal attribute kept is kept, by attribute path. A personal attribute of a
       * `none` table without a reason here fails `verifyErasure`.
       */
      readonly keeps?: { readonly [P in PathOf<F>]?: string };
    }
  | ({ readonly kind: 'subject' } & AccessPathOver<Keys, string>)
  | { readonly kind: 'cascade'; readonly edges: readonly CascadeEdgeOver<F, Keys>[] };

/** A table's key queries by index name, its own key's under `'undefined'`. */
export type TableQueryKeys<S extends TableShape> = {
  readonly [I in IndexName<S>]: QueryKey<S, I>;
} & { readonly undefined: QueryKey<S, undefined> };

/** An edge this table accepts: its index exists and its key query fits that index. */
export type CascadeEdge<S extends TableShape> = CascadeEdgeOver<S['fields'], TableQueryKeys<S>>;

/** A table's erasure decision ({@link DecisionOver}), typed from its item and indexes. */
export type ErasureDecision<S extends TableShape> = DecisionOver<S['fields'], TableQueryKeys<S>>;

/** The untyped form every decision has at run time. */
export type AnyErasureDecision =
  | {
      readonly kind: 'none';
      readonly justification: string;
      readonly keeps?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'subject';
      readonly index?: string | undefined;
      readonly key: (subjectId: string) => unknown;
    }
  | { readonly kind: 'cascade'; readonly edges: readonly AnyErasureEdge[] };

/**
 * The `erasure` option of `defineTable`, from the table's type parameters (`unknown` indexes,
 * as in a definition of unknown shape, give the untyped form).
 */
export type TableErasure<F extends Fields, PK, SK, Ix, Ver, V> = [Ix] extends [
  { readonly [name: string]: IndexShape },
]
  ? ErasureDecision<{
      fields: F;
      partitionKey: PK & string;
      sortKey: SK & (string | undefined);
      indexes: Ix;
      version: Ver & (string | undefined);
      viewer: V;
    }>
  : AnyErasureDecision;

/** Where the rows of an edge are found, and why: the options of {@link deep} and {@link shallow}. */
export interface EdgePath<Parent, K> {
  /** Builds the key query (partition key value, optional sort key condition) from the parent row. */
  readonly key: (parent: Parent) => K | undefined;
  /** Why the edge exists. */
  readonly description?: string;
}

/** The table's own key is queried. */
type OnTable = { readonly index?: undefined };
/** An index is queried. */
type OnIndex<I extends string> = { readonly index: I };
type RemoveFields<R extends string> = { readonly remove: readonly R[] };

function edgeOf(kind: 'deep' | 'shallow', parent: TableRef, path: unknown) {
  const { index, key, description, remove } = (path ?? {}) as {
    index?: string;
    key?: unknown;
    description?: string;
    remove?: readonly string[];
  };
  return Object.freeze({
    kind,
    parent,
    index,
    key,
    ...(description !== undefined ? { description } : {}),
    ...(kind === 'shallow'
      ? { remove: Array.isArray(remove) ? Object.freeze([...remove]) : remove }
      : {}),
  });
}

/**
 * A deep edge: when a row of `parent` is erased, delete the rows of this table the key query
 * finds (on the table, or on `index`), and cascade from them.
 *
 * @example
 * const rooms = defineTable({
 *   name: 'rooms', item: defineItem({ roomId: attr.string(), hostId: attr.string() }), partitionKey: 'roomId',
 *   indexes: { byHost: { partitionKey: 'hostId' } },
 *   erasure: { kind: 'cascade', edges: [deep(users, { index: 'byHost', key: (u) => ({ hostId: u.userId }) })] },
 * });
 */
export function deep<P extends ErasureParent, K>(
  parent: TableRef<P>,
  path: EdgePath<ParentItem<P>, K> & OnTable,
): DeepEdge<ParentItem<P>, undefined, K>;
export function deep<P extends ErasureParent, K, const I extends string>(
  parent: TableRef<P>,
  path: EdgePath<ParentItem<P>, K> & OnIndex<I>,
): DeepEdge<ParentItem<P>, I, K>;
export function deep<Parent, K>(
  parent: string,
  path: EdgePath<Parent, K> & OnTable,
): DeepEdge<Parent, undefined, K>;
export function deep<Parent, K, const I extends string>(
  parent: string,
  path: EdgePath<Parent, K> & OnIndex<I>,
): DeepEdge<Parent, I, K>;
export function deep(parent: TableRef, path: unknown): unknown {
  return edgeOf('deep', parent, path);
}

/**
 * A shallow edge: when a row of `parent` is erased, remove the `remove` fields from the rows of
 * this table the key query finds; the rows stay. Each removal is conditional on the field still
 * holding the value seen when the plan was made.
 *
 * @example
 * const erasure = {
 *   kind: 'cascade',
 *   edges: [shallow(users, { index: 'byAuthor', key: (u) => ({ authorId: u.userId }), remove: ['authorId'] })],
 * }; // in defineTable({ …, erasure })
 */
export function shallow<P extends ErasureParent, K, const R extends string>(
  parent: TableRef<P>,
  path: EdgePath<ParentItem<P>, K> & OnTable & RemoveFields<R>,
): ShallowEdge<ParentItem<P>, undefined, K, R>;
export function shallow<P extends ErasureParent, K, const R extends string, const I extends string>(
  parent: TableRef<P>,
  path: EdgePath<ParentItem<P>, K> & OnIndex<I> & RemoveFields<R>,
): ShallowEdge<ParentItem<P>, I, K, R>;
export function shallow<Parent, K, const R extends string>(
  parent: string,
  path: EdgePath<Parent, K> & OnTable & RemoveFields<R>,
): ShallowEdge<Parent, undefined, K, R>;
export function shallow<Parent, K, const R extends string, const I extends string>(
  parent: string,
  path: EdgePath<Parent, K> & OnIndex<I> & RemoveFields<R>,
): ShallowEdge<Parent, I, K, R>;
export function shallow(parent: TableRef, path: unknown): unknown {
  return edgeOf('shallow', parent, path);
}

/** Whether a parent is an entity of a single table (it names its table). */
export function isEntityParent(value: unknown): value is EntityParentLike {
  const v = value as EntityParentLike | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.name === 'string' &&
    typeof v.table === 'object' &&
    v.table !== null &&
    typeof v.table.name === 'string' &&
    typeof v.table.entityAttribute === 'string'
  );
}

/** The erasure name of an entity: `table/entity`. */
export function entityNodeName(table: string, entity: string): string {
  return `${table}/${entity}`;
}

/**
 * The name of the table a parent reference points to (calls the function form); for an
 * entity, `table/entity`.
 */
export function parentName(ref: TableRef): unknown {
  const table = typeof ref === 'function' ? ref() : ref;
  if (typeof table === 'string') return table;
  if (isEntityParent(table)) return entityNodeName(table.table.name, table.name);
  return (table as AnyTableLike | null)?.name;
}
