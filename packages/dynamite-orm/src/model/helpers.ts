import type { Fields } from '../schema/attribute.js';
import type { InferInput, InferItem } from '../schema/infer.js';
import type { ItemSchema } from '../schema/item-schema.js';
import type { TableInput, TableItem, TableKey, TableShape } from './table-shape.js';

/**
 * The item type read back from an item schema or a table definition.
 *
 * @example
 * type User = ItemOf<typeof users>;
 */
export type ItemOf<T> = T extends { readonly '~shape': infer S extends TableShape }
  ? TableItem<S>
  : T extends ItemSchema<infer F extends Fields>
    ? InferItem<F>
    : never;

/** The item type accepted on write by an item schema or a table definition. */
export type InputOf<T> = T extends { readonly '~shape': infer S extends TableShape }
  ? TableInput<S>
  : T extends ItemSchema<infer F extends Fields>
    ? InferInput<F>
    : never;

/** The primary key type of a table definition. */
export type KeyOf<T> = T extends { readonly '~shape': infer S extends TableShape }
  ? TableKey<S>
  : never;
