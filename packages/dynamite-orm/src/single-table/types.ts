// The vocabulary of single-table design: what `defineSingleTable` and `table.entity` take, and
// the item, key and query types an entity derives from its fields and key templates.

import type { AnyTableDefinition } from '../define-table.js';
import type { SortKeyCondition } from '../expressions/key-condition.js';
import type { TemplateFields } from '../model/key-template.js';
import type { Billing, StreamViewType, Throughput } from '../model/table-shape.js';
import type { TableConfigPolicies } from '../policy/types.js';
import type { Fields } from '../schema/attribute.js';
import type { InferInput, InferItem, Simplify } from '../schema/infer.js';
import type { ItemSchema } from '../schema/item-schema.js';
import type { TtlField, ViewerType } from '../table/config.js';

/** A physical secondary index of a single table: attribute names, not fields. */
export interface PhysicalIndexConfig {
  /** The stored attribute holding the index partition key (a string). Left out for a local index. */
  readonly partitionKey?: string;
  /** The stored attribute holding the index sort key (a string). */
  readonly sortKey?: string;
  /** `global` (default) or `local` (the table's partition key, a sort key of its own). */
  readonly type?: 'global' | 'local';
  /** `all` (the default, and for now the only projection of an entity index). */
  readonly projection?: 'all';
  readonly throughput?: Throughput;
}

/** The configuration of `defineSingleTable`: the physical keys and indexes, declared once. */
export interface SingleTableConfig<Ix extends { readonly [name: string]: PhysicalIndexConfig }> {
  /** The logical table name (the physical name can be overridden in `connect`). */
  readonly name: string;
  /** The stored attribute holding the partition key (a string), e.g. `'pk'`. */
  readonly partitionKey: string;
  /** The stored attribute holding the sort key (a string), e.g. `'sk'`. */
  readonly sortKey?: string;
  readonly indexes?: Ix;
  /** The stored attribute naming each item's entity; default `'_type'`. */
  readonly entityAttribute?: string;
  readonly stream?: StreamViewType;
  readonly billing?: Billing;
  readonly description?: string;
}

/** How an entity builds a key: a template per key attribute, e.g. `'USER#{userId}'`. */
export interface KeyTemplates {
  readonly partitionKey?: string;
  readonly sortKey?: string;
}

type Undef<T> = T extends string ? T : never;

/** The fields one key's templates read. */
export type KeyTemplateFields<K> = K extends KeyTemplates
  ? TemplateFields<Undef<K['partitionKey']>> | TemplateFields<Undef<K['sortKey']>>
  : never;

/**
 * Refuses, at compile time, a template that reads a field the item does not have: the error
 * names the field.
 */
export type CheckTemplates<F extends Fields, K> = [Exclude<KeyTemplateFields<K>, keyof F>] extends [
  never,
]
  ? unknown
  : { readonly '~unknown field in key template': Exclude<KeyTemplateFields<K>, keyof F> };

/** The configuration of `table.entity(...)`. */
export interface EntityConfig<
  N extends string,
  F extends Fields,
  K extends KeyTemplates,
  EIx,
  Ver extends string | undefined,
  V,
> {
  /** The entity's name: the value of the entity type attribute on its items. */
  readonly name: N;
  readonly item: ItemSchema<F>;
  /** Templates of the table's keys, e.g. `{ partitionKey: 'USER#{userId}', sortKey: 'PROFILE' }`. */
  readonly key: K;
  /** Templates of the keys of the table's indexes the entity is in (overloaded indexes). */
  readonly indexes?: EIx;
  /** A required number field that optimistic locking increments on every write. */
  readonly version?: Ver;
  readonly ttl?: TtlField<F>;
  readonly viewer?: ViewerType<V>;
  readonly description?: string;
  /** Who may read and write this entity's items (as `defineTable`'s `policies`). */
  readonly policies?: TableConfigPolicies<F, KeyTemplateFields<K> & string, undefined, Ver, V>;
  readonly concealDenied?: boolean;
}

/** Everything the types of an entity depend on. */
export interface EntityShape {
  readonly name: string;
  readonly fields: Fields;
  readonly key: KeyTemplates;
  readonly indexes: { readonly [name: string]: KeyTemplates };
  readonly version: string | undefined;
  readonly viewer: unknown;
}

/** The item an entity reads back. */
export type EntityItem<E extends EntityShape> = InferItem<E['fields']>;

/** The item an entity accepts on write (the version is managed, so optional). */
export type EntityInput<E extends EntityShape> = E['version'] extends string
  ? Simplify<Omit<InferInput<E['fields']>, E['version']> & { [P in E['version']]?: number }>
  : InferInput<E['fields']>;

type Out<E extends EntityShape, P> = P extends keyof EntityItem<E>
  ? NonNullable<EntityItem<E>[P]>
  : never;

/** The primary key of an entity: the fields its key templates read. */
export type EntityKey<E extends EntityShape> = Simplify<{
  [P in KeyTemplateFields<E['key']> & string]: Out<E, P>;
}>;

/**
 * The key part of an entity query: every field of the partition key template, then the
 * fields of the sort key template from the left, the last of them optionally a condition
 * (`eq`, `lt`, `le`, `gt`, `ge`, `between`, `beginsWith`).
 */
export type EntityQueryKey<E extends EntityShape, I> = I extends keyof E['indexes'] & string
  ? QueryKeyOf<E, E['indexes'][I]>
  : QueryKeyOf<E, E['key']>;

// A local index has no partition key template of its own: it is the table's.
type PartitionFields<E extends EntityShape, K extends KeyTemplates> = TemplateFields<
  K['partitionKey'] extends string ? K['partitionKey'] : Undef<E['key']['partitionKey']>
>;

type QueryKeyOf<E extends EntityShape, K extends KeyTemplates> = Simplify<
  { [P in PartitionFields<E, K> & string]: Out<E, P> } & {
    [P in Exclude<TemplateFields<Undef<K['sortKey']>>, PartitionFields<E, K>> &
      string]?: SortKeyCondition<Out<E, P>>;
  }
>;

/** Index names an entity is in. */
export type EntityIndexName<E extends EntityShape> = keyof E['indexes'] & string;

/** What entities and collections need of their table. */
export interface SingleTableLike {
  readonly name: string;
  /** The stored attribute naming each item's entity. */
  readonly entityAttribute: string;
  /** The physical table alone: its keys, indexes and the entity type attribute. */
  readonly physical: AnyTableDefinition;
}
