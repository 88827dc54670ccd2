import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemActor, viewerActor } from '../policy/actor.js';
import { createAccessGate } from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { TableDefinition } from '../table/define-table.js';
import type { TableShape } from '../table/types.js';
import type { Connection, ConnectOptions } from './connection.js';
import { ViewerTable } from './viewer-table.js';

export type { ConnectOptions };

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
    if (!client || typeof (client as { send?: unknown }).send !== 'function') {
      throw new DynamiteError(
        'request.invalid',
        `connect needs a DynamoDBClient, got ${String(client)}`,
      );
    }
    const tableName = options.tableName ?? definition.name;
    this.definition = definition;
    this.client = client;
    this.tableName = tableName;
    this.#connection = Object.freeze({
      definition,
      client,
      target: Object.freeze({ model: definition.model, tableName }),
      gate: createAccessGate(definition, { tableName, logger: options.logger }),
      validation: options.validation ?? 'strict',
      retry: Object.freeze({ ...options.retry }),
    });
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
