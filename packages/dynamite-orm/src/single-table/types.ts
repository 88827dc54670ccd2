// The vocabulary of single-table design: what `defineSingleTable` and `table.entity` take, and
// the item, key and query types an entity derives from its fields and key templates.

import type { AnyTableDefinition } from '../define-table.js';
import type { SortKeyCondition } from '../expressions/key-condition.js';
import type { UpdateActions } from '../expressions/update.js';
import type { TemplateFields } from '../model/key-template.js';
import type { Billing, StreamViewType, Throughput } from '../model/table-shape.js';
import type { TablePolicies } from '../policy/types.js';
import type { Attribute, Fields } from '../schema/attribute.js';
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

/** Key templates by index name. */
export type IndexTemplates = { readonly [name: string]: KeyTemplates };

/** The fields one key's templates read (`TemplateFields` of an absent template is `never`). */
export type KeyTemplateFields<K> = K extends KeyTemplates
  ? TemplateFields<K['partitionKey']> | TemplateFields<K['sortKey']>
  : never;

// Over the few fields a template reads, not all the item's: this runs once per entity. The
// attribute is matched against the class's `Optional` parameter (see `InferItem`).
// biome-ignore lint/suspicious/noExplicitAny: any optional attribute
type OptionalAttribute = Attribute<any, any, true, any, any>;
type OptionalOf<F extends Fields, P> = P extends keyof F
  ? F[P] extends OptionalAttribute
    ? P
    : never
  : never;

/**
 * Refuses, at compile time, a template that reads a field the item does not have, and (for the
 * table's own key, `Primary`) an optional field, which a write could leave out: the error names
 * the field and says what to write instead. The checks compare the template's fields as one
 * union (and their attribute types, shared by every entity using them); the names are only
 * picked out when there is an error to report.
 */
export type CheckTemplates<F extends Fields, K, Primary extends boolean = false> = [
  KeyTemplateFields<K>,
] extends [keyof F]
  ? Primary extends true
    ? [Extract<F[KeyTemplateFields<K> & keyof F], OptionalAttribute>] extends [never]
      ? unknown
      : {
          readonly '~optional field in the table key: make it required (drop .optional()) or build the key from required fields': OptionalOf<
            F,
            KeyTemplateFields<K>
          >;
        }
    : unknown
  : {
      readonly '~unknown field in key template: use one of the item fields': Exclude<
        KeyTemplateFields<K>,
        keyof F
      >;
    };

/**
 * `CheckTemplates` for each index of an entity, checked index by index (to name the index
 * with the error) only when some index template reads a field the item does not have.
 */
export type CheckIndexTemplates<F extends Fields, EIx> = [
  KeyTemplateFields<EIx[keyof EIx]>,
] extends [keyof F]
  ? unknown
  : { readonly [I in keyof EIx]: CheckTemplates<F, EIx[I]> };

/** The configuration of `table.entity(...)`. */
export interface EntityConfig<
  N extends string,
  F extends Fields,
  K extends KeyTemplates,
  EIx extends IndexTemplates,
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
  readonly policies?: NoInfer<
    TablePolicies<
      InferItem<F>,
      V,
      EntityTypes<F, K, EIx, Ver>['primaryKey'],
      UpdateActions<F, (KeyTemplateFields<K> & string) | Exclude<Ver, undefined>>
    >
  >;
  readonly concealDenied?: boolean;
}

/**
 * `table.entity`'s parameter: the configuration with its key templates checked against the
 * item. One interface rather than the configuration intersected with the checks, whose every
 * property would be built again, for each entity, as the intersection of both.
 */
export interface CheckedEntityConfig<
  N extends string,
  F extends Fields,
  K extends KeyTemplates,
  EIx extends IndexTemplates,
  Ver extends string | undefined,
  V,
> extends EntityConfig<N, F, K, EIx, Ver, V> {
  readonly key: K & CheckTemplates<F, K, true>;
  readonly indexes?: EIx & NoInfer<CheckIndexTemplates<F, EIx>>;
}

/** Everything the types of an entity depend on. */
export interface EntityShape {
  readonly name: string;
  readonly fields: Fields;
  readonly key: KeyTemplates;
  readonly indexes: { readonly [name: string]: KeyTemplates };
  readonly version: string | undefined;
  readonly viewer: unknown;
  // The types below are computed once, when the entity is defined (see `EntityTypes`): every
  // operation's signature then reads them instead of re-deriving them from the fields.
  /** The item read back. */
  readonly item: object;
  /** The item accepted on write. */
  readonly input: object;
  /** The primary key, by the fields its templates read. */
  readonly primaryKey: object;
  /** The query key of each index, and of the table's key under `'undefined'`. */
  readonly queryKeys: { readonly [index: string]: object };
}

/** The derived types of an entity's shape, computed once by `table.entity(...)`. */
export interface EntityTypes<
  F extends Fields,
  K extends KeyTemplates,
  EIx extends IndexTemplates,
  Ver extends string | undefined,
> {
  readonly item: InferItem<F>;
  readonly input: Ver extends string
    ? Simplify<Omit<InferInput<F>, Ver> & { [P in Ver]?: number }>
    : InferInput<F>;
  // One mapped type already reads as a plain object: no `Simplify`.
  readonly primaryKey: {
    [P in KeyTemplateFields<K> & string]: NonNullable<F[P]['~types']['out']>;
  };
  readonly queryKeys: EntityQueryKeys<F, K, EIx>;
}

/** The item an entity reads back. */
export type EntityItem<E extends EntityShape> = E['item'];

/** The item an entity accepts on write (the version is managed, so optional). */
export type EntityInput<E extends EntityShape> = E['input'];

/** The primary key of an entity: the fields its key templates read. */
export type EntityKey<E extends EntityShape> = E['primaryKey'];

/**
 * The key part of an entity query: every field of the partition key template, then the
 * fields of the sort key template from the left, the last of them optionally a condition
 * (`eq`, `lt`, `le`, `gt`, `ge`, `between`, `beginsWith`).
 */
export type EntityQueryKey<
  E extends EntityShape,
  I extends string | undefined,
> = E['queryKeys'][`${I}`];

/**
 * The query keys of an entity by index name, the table's key under `'undefined'` (no index),
 * computed once per entity. A lookup by `${I}` rather than a conditional type on the index:
 * with the index still being inferred, a conditional re-derived every key of every index
 * on each query call.
 */
export type EntityQueryKeys<
  F extends Fields,
  K extends KeyTemplates,
  EIx extends IndexTemplates,
> = {
  readonly [I in keyof EIx & string]: IndexQueryKey<F, K, EIx[I]>;
} & {
  readonly undefined: QueryKeyOf<
    F,
    TemplateFields<K['partitionKey']>,
    TemplateFields<K['sortKey']>
  >;
};

// A local index (no partition key template of its own) shares the table's partition key.
type IndexQueryKey<F extends Fields, K extends KeyTemplates, X extends KeyTemplates> = QueryKeyOf<
  F,
  TemplateFields<undefined extends X['partitionKey'] ? K['partitionKey'] : X['partitionKey']>,
  TemplateFields<X['sortKey']>
>;

// Key template fields are required and never null (compileKeyTemplate refuses them otherwise).
// Not `Simplify`d: flattening each key of each index of each entity cost more type checking
// than the plain intersection, which reads as well.
type QueryKeyOf<F extends Fields, PF, SF> = {
  [P in PF & string]: NonNullable<F[P]['~types']['out']>;
} & {
  [P in Exclude<SF, PF> & string]?: SortKeyCondition<NonNullable<F[P]['~types']['out']>>;
};

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
