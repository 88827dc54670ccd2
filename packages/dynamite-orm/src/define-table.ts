// The public table: a checked schema (table/) that can connect to a client (client/). This is
// the one module that composes the two; neither of them imports the other.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Connection, type ConnectOptions, openConnection } from './client/connection.js';
import { ViewerTable } from './client/viewer-table.js';
import { DynamiteError } from './errors/dynamite-error.js';
import type { TableShape } from './model/table-shape.js';
import { systemActor, viewerActor } from './policy/actor.js';
import type { Fields } from './schema/attribute.js';
import type { IndexConfig, KeyField, TableConfig, VersionField } from './table/config.js';
import { TableSchema } from './table/table-schema.js';

/**
 * A table definition: the table's schema (data and codecs, no client), and `connect` to bind
 * it to a `DynamoDBClient`. Read it to export infrastructure and data maps.
 */
export class TableDefinition<S extends TableShape> extends TableSchema<S> {
  /**
   * Binds the definition to a client. The result gives operations through a viewer:
   * `db.as(viewer).get(key)`, or `db.asSystem('job-name')` for trusted jobs.
   */
  connect(client: DynamoDBClient, options: ConnectOptions = {}): TableClient<S> {
    return new TableClient(this, client, options);
  }
}

/** A table definition of any shape: erasure and the exporters handle every table the same way. */
// biome-ignore lint/suspicious/noExplicitAny: tables of every shape
export type AnyTableDefinition = TableDefinition<any>;

/**
 * A table definition bound to a client. Operations are reached through an actor:
 * `db.as(viewer)` for application requests, `db.asSystem(name)` for trusted jobs.
 */
export class TableClient<S extends TableShape> {
  readonly definition: TableDefinition<S>;
  /** The underlying client, for anything this package does not cover. */
  readonly client: DynamoDBClient;
  /** The physical table name requests go to. */
  readonly tableName: string;
  readonly #connection: Connection<S>;

  constructor(
    definition: TableDefinition<S>,
    client: DynamoDBClient,
    options: ConnectOptions = {},
  ) {
    const connection = openConnection(definition, client, options);
    this.definition = definition;
    this.client = client;
    this.tableName = connection.target.tableName;
    this.#connection = connection;
    Object.freeze(this);
  }

  /**
   * Operations made for a viewer (the type the table declared with `viewerType`). Every item
   * read passes the table's read policy and every write its write policy, for this viewer.
   */
  as(viewer: S['viewer']): ViewerTable<S> {
    if (viewer === undefined || viewer === null) {
      throw new DynamiteError(
        'request.invalid',
        `as needs a viewer, got ${String(viewer)}; a trusted job without one uses asSystem(name)`,
      );
    }
    return new ViewerTable(this.#connection, viewerActor(viewer));
  }

  /**
   * Operations made by a named trusted system job (e.g. `'nightly-reindex'`). Each operation
   * is logged (see `logger` in `connect`); policies let it through only where they say so,
   * with `allowSystem(name)` or another system rule.
   */
  asSystem(name: string): ViewerTable<S> {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new DynamiteError('request.invalid', 'asSystem needs a non-empty job name');
    }
    return new ViewerTable(this.#connection, systemActor(name));
  }
}

/**
 * Defines a table: name, item schema, keys, indexes, version attribute, TTL, stream and
 * viewer type. Pure: no client, no I/O. Checks the configuration and throws
 * `definition.invalid` when it cannot work in DynamoDB.
 *
 * @example
 * const Note = defineItem({
 *   ownerId: attr.string().savedAs('pk'),
 *   noteId: attr.string().savedAs('sk'),
 *   text: attr.string(),
 *   version: attr.int(),
 * });
 * const notes = defineTable({
 *   name: 'notes',
 *   item: Note,
 *   partitionKey: 'ownerId',
 *   sortKey: 'noteId',
 *   version: 'version',
 *   viewer: viewerType<{ userId: string }>(),
 * });
 * const db = notes.connect(new DynamoDBClient({}));
 * await db.as({ userId: 'u1' }).get({ ownerId: 'u1', noteId: 'n1' });
 */
export function defineTable<
  const F extends Fields,
  const PK extends KeyField<F>,
  const SK extends KeyField<F> | undefined = undefined,
  const Ix extends { readonly [name: string]: IndexConfig<F> } = Record<never, never>,
  const Ver extends VersionField<F> | undefined = undefined,
  V = unknown,
>(
  config: TableConfig<F, PK, SK, Ix, Ver, V>,
): TableDefinition<{
  fields: F;
  partitionKey: PK;
  sortKey: SK;
  indexes: Ix;
  version: Ver;
  viewer: V;
}> {
  return new TableDefinition(config as never);
}
