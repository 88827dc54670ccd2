import type { AnyAttribute, Fields } from '../schema/attribute.js';
import type { InferInput, InferItem, Simplify } from '../schema/infer.js';

/** Provisioned read and write capacity units. */
export interface Throughput {
  readonly read: number;
  readonly write: number;
}

/** On-demand (default) or provisioned capacity. */
export type Billing =
  | { readonly mode: 'onDemand' }
  | { readonly mode: 'provisioned'; readonly read: number; readonly write: number };

/** What a DynamoDB stream record carries. */
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** The field-independent form of an index configuration. */
export interface IndexShape {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly type?: 'global' | 'local';
  readonly projection?: 'all' | 'keys' | readonly string[];
  readonly throughput?: Throughput;
}

/** Everything the types of a table depend on. */
export interface TableShape {
  readonly fields: Fields;
  readonly partitionKey: string;
  readonly sortKey: string | undefined;
  readonly indexes: { readonly [name: string]: IndexShape };
  readonly version: string | undefined;
  readonly viewer: unknown;
}

/** The item type read back from a table. */
export type TableItem<S extends TableShape> = InferItem<S['fields']>;

/** The item type a table accepts on write (the version attribute is managed, so optional). */
export type TableInput<S extends TableShape> = S['version'] extends string
  ? Simplify<Omit<InferInput<S['fields']>, S['version']> & { [K in S['version']]?: number }>
  : InferInput<S['fields']>;

/** Names of the key fields of a table. */
export type TableKeyNames<S extends TableShape> =
  | S['partitionKey']
  | Exclude<S['sortKey'], undefined>;

/** The primary key of a table, by field name. */
export type TableKey<S extends TableShape> = Simplify<
  Pick<TableItem<S>, Extract<TableKeyNames<S>, keyof TableItem<S>>>
>;

/** Names of the table's secondary indexes. */
export type IndexName<S extends TableShape> = keyof S['indexes'] & string;

type IndexKeyNames<S extends TableShape, I extends IndexName<S>> =
  | S['indexes'][I]['partitionKey']
  | Exclude<S['indexes'][I]['sortKey'], undefined>;

/** What a query or scan returns for an index: the full item or the projected attributes. */
export type ProjectedItem<S extends TableShape, I> =
  I extends IndexName<S>
    ? S['indexes'][I]['projection'] extends 'keys'
      ? Simplify<
          Pick<TableItem<S>, Extract<TableKeyNames<S> | IndexKeyNames<S, I>, keyof TableItem<S>>>
        >
      : S['indexes'][I]['projection'] extends readonly (infer N)[]
        ? Simplify<
            Pick<
              TableItem<S>,
              Extract<TableKeyNames<S> | IndexKeyNames<S, I> | N, keyof TableItem<S>>
            >
          >
        : TableItem<S>
    : TableItem<S>;

/** The attribute of one field, for helper types. */
export type FieldAttribute<S extends TableShape, K extends string> = K extends keyof S['fields']
  ? S['fields'][K]
  : AnyAttribute;
