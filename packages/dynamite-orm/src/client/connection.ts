import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type AccessGate,
  createAccessGate,
  type PlannedWrite,
  type SystemAccessLogger,
} from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import type { TableLike } from '../model/table-like.js';
import { decodeKey, type IndexModel, type Target } from '../model/table-model.js';
import type { TableShape } from '../model/table-shape.js';
import { toDynamiteError } from '../schema/issue.js';
import type { ReadValidation } from '../schema/item-schema.js';
import type { RetryOptions } from './batch-retry.js';

/** Options of `connect`. */
export interface ConnectOptions {
  /** The physical table name, when it differs from the definition's (stages, prefixes). */
  tableName?: string;
  /** Default read validation for this connection (default `strict`). */
  validation?: ReadValidation;
  /** Default retry settings for unprocessed batch items. */
  retry?: RetryOptions;
  /**
   * Receives one event per operation made through `db.asSystem(name)` (table, operation, job
   * name), before the request is sent. Default: `console.warn` of a JSON line the first time
   * each job makes each kind of operation on this connection (see `consoleSystemLogger`).
   */
  logger?: SystemAccessLogger;
}

/**
 * Everything operations need, fixed at connect time and shared read-only by every call.
 * @internal
 */
export interface Connection<S extends TableShape> {
  readonly table: TableLike<S>;
  readonly client: DynamoDBClient;
  readonly target: Target;
  readonly gate: AccessGate;
  readonly validation: ReadValidation;
  readonly retry: RetryOptions;
}

/**
 * Binds a table to a client: the physical table name, the access gate (its policies, checked
 * here) and the defaults every operation of the connection reads.
 */
export function openConnection<S extends TableShape>(
  table: TableLike<S>,
  client: DynamoDBClient,
  options: ConnectOptions = {},
): Connection<S> {
  if (!client || typeof (client as { send?: unknown }).send !== 'function') {
    throw new DynamiteError(
      'request.invalid',
      `connect needs a DynamoDBClient, got ${String(client)}`,
    );
  }
  const tableName = options.tableName ?? table.name;
  return Object.freeze({
    table,
    client,
    target: Object.freeze({ model: table.model, tableName }),
    gate: createAccessGate(table, { tableName, logger: options.logger }),
    validation: options.validation ?? 'strict',
    retry: Object.freeze({ ...options.retry }),
  });
}

/** Decodes a stored item with the connection's or the call's validation. */
export function decodeStored<S extends TableShape>(
  connection: Connection<S>,
  raw: Record<string, AttributeValue>,
  validation: ReadValidation | undefined,
  index?: IndexModel,
): Record<string, unknown> {
  const lenient = (validation ?? connection.validation) === 'lenient';
  const partial = index !== undefined && index.projection !== 'all';
  try {
    return connection.target.model.codec.decode(raw, lenient, partial);
  } catch (error) {
    return toDynamiteError(
      error,
      `stored item of table ${connection.table.name} does not match the schema`,
    );
  }
}

/** Decodes an encoded key into field names. */
export function decodeStoredKey<S extends TableShape>(
  connection: Connection<S>,
  key: Record<string, AttributeValue>,
): Record<string, unknown> {
  return decodeKey(connection.target.model, key);
}

/**
 * A loader for the current item of a key: one consistent read, made only if called, made at
 * most once. Write checks use it when a rule needs the stored item.
 */
export function currentLoader<S extends TableShape>(
  connection: Connection<S>,
  key: Record<string, AttributeValue>,
): () => Promise<Record<string, unknown> | undefined> {
  let loaded: Promise<Record<string, unknown> | undefined> | undefined;
  return () => {
    loaded ??= connection.client
      .send(
        new GetItemCommand({
          TableName: connection.target.tableName,
          Key: key,
          ConsistentRead: true,
        }),
      )
      .then((out) => (out.Item ? decodeStored(connection, out.Item, 'lenient') : undefined));
    return loaded;
  };
}

/** The parts of a write the write check needs. */
export interface WriteParts {
  readonly type: 'put' | 'update' | 'delete' | 'check';
  readonly key: Record<string, AttributeValue>;
  readonly stored?: Record<string, AttributeValue>;
  readonly condition?: Condition | undefined;
  readonly changes?: Record<string, unknown>;
}

/** What the write check sees for one planned write. */
export function plannedWrite<S extends TableShape>(
  connection: Connection<S>,
  parts: WriteParts,
): PlannedWrite {
  const base = {
    table: connection.table.name,
    key: decodeStoredKey(connection, parts.key),
    condition: parts.condition,
    current: currentLoader(connection, parts.key),
  };
  switch (parts.type) {
    case 'put':
      return { ...base, type: 'put', item: decodeStored(connection, parts.stored ?? {}, 'strict') };
    case 'update':
      return { ...base, type: 'update', changes: parts.changes ?? {} };
    case 'delete':
      return { ...base, type: 'delete' };
    case 'check':
      return { ...base, type: 'check' };
  }
}
