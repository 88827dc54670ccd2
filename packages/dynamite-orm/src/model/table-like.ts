import type { TableModel } from './table-model.js';
import type { TableShape } from './table-shape.js';

/**
 * A table as the layers below its definition see it: the logical name, the compiled model,
 * the configuration as given (the access gate reads its `policies`) and the shape its types are
 * read from. Every table definition is one; the client, stream decoding, erasure declarations
 * and `createTableInput` take this, so none of them imports the definition.
 */
export interface TableLike<S extends TableShape = TableShape> {
  /** Type-level only: the shape the helper types (`ItemOf`, `KeyOf`, ...) read. */
  readonly '~shape': S;
  /** The logical table name. */
  readonly name: string;
  /** The compiled model request builders and codecs use. */
  readonly model: TableModel;
  /** The configuration as given; only `policies` and `concealDenied` are read below it. */
  readonly config: { readonly policies?: unknown; readonly concealDenied?: boolean };
}

/** A table of any shape. */
// biome-ignore lint/suspicious/noExplicitAny: a table of any shape, as parents and lists of tables are
export type AnyTableLike = TableLike<any>;
