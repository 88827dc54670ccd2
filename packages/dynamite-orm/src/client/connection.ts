import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type AccessGate,
  createAccessGate,
  type DeniedReadLogger,
  type PlannedWrite,
  type SystemAccessLogger,
} from '../access/gate.js';
import { DynamiteError } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import { decodeLenient } from '../model/lenient.js';
import type { TableLike } from '../model/table-like.js';
import { decodeKey, type IndexModel, type Target } from '../model/table-model.js';
import type { TableShape } from '../model/table-shape.js';
import { operationModel } from '../policy/types.js';
import { toDynamiteError } from '../schema/issue.js';
import type { ReadValidation } from '../schema/item-schema.js';
import type { RetryOptions } from './batch-retry.js';
import { makeSend, type OperationHooks, type Send } from './send.js';

/** Options of `connect`. */
export interface ConnectOptions {
  /** The physical table name, when it differs from the definition's (stages, prefixes). */
  tableName?: string;
  /**
   * Reads are strict unless a call asks for `validation: 'lenient'`, so that what a call
   * returns can be typed by what it asked for. Only `'strict'` is accepted here.
   */
  validation?: 'strict';
  /** Default retry settings for unprocessed batch items. */
  retry?: RetryOptions;
  /**
   * Receives one event per operation made through `db.asSystem(name)` (table, operation, job
   * name), before the request is sent. Default: `console.warn` of a JSON line the first time
   * each job makes each kind of operation on this connection (see `consoleSystemLogger`).
   */
  logger?: SystemAccessLogger;
  /**
   * Receives the reads a viewer was refused (table, operation, how many, their keys), once per
   * operation or page, whether the viewer was told or, on a table that conceals denied reads,
   * not. Default: `console.warn` of a JSON line, without the keys, for concealed ones only
   * (see `consoleDeniedReadLogger`).
   */
  onDeniedRead?: DeniedReadLogger;
  /** Called before each request is sent and after its response, with input, capacity, duration. */
  hooks?: OperationHooks;
  /** Asks DynamoDB for the capacity every request consumed; hooks receive it. */
  returnConsumedCapacity?: 'TOTAL' | 'INDEXES';
}

/**
 * Everything operations need, fixed at connect time and shared read-only by every call.
 * @internal
 */
export interface Connection<S extends TableShape> {
  readonly table: TableLike<S>;
  readonly client: DynamoDBClient;
  /** Sends a command: the client's `send` with the connection's hooks, capacity and signal. */
  readonly send: Send;
  /** What `send` was made with, to make it again with a signal. */
  readonly sendOptions: Pick<ConnectOptions, 'hooks' | 'returnConsumedCapacity'>;
  readonly target: Target;
  readonly gate: AccessGate;
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
  if (options.validation !== undefined && options.validation !== 'strict') {
    throw new DynamiteError(
      'request.invalid',
      `connect: validation must be 'strict' (the default), got ${String(options.validation)}; ask for validation: 'lenient' per read, so its result is typed as an unchecked item`,
    );
  }
  const tableName = options.tableName ?? table.name;
  if (
    options.returnConsumedCapacity !== undefined &&
    options.returnConsumedCapacity !== 'TOTAL' &&
    options.returnConsumedCapacity !== 'INDEXES'
  ) {
    throw new DynamiteError(
      'request.invalid',
      `connect: returnConsumedCapacity must be 'TOTAL' or 'INDEXES', got ${String(options.returnConsumedCapacity)}`,
    );
  }
  const sendOptions = Object.freeze({
    hooks: options.hooks,
    returnConsumedCapacity: options.returnConsumedCapacity,
  });
  return Object.freeze({
    table,
    client,
    send: makeSend(client, tableName, sendOptions),
    sendOptions,
    target: Object.freeze({ model: table.model, tableName }),
    gate: createAccessGate(table, {
      tableName,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onDeniedRead ? { onDeniedRead: options.onDeniedRead } : {}),
    }),
    retry: Object.freeze({ ...options.retry }),
  });
}

/**
 * Decodes a stored item: strictly, or leniently when the call asks for it. `projected`: the
 * read fetched some fields only, so absent ones are not missing.
 */
export function decodeStored<S extends TableShape>(
  connection: Connection<S>,
  raw: Record<string, AttributeValue>,
  validation: ReadValidation | undefined,
  index?: IndexModel,
  projected = false,
): Record<string, unknown> {
  const lenient = validation === 'lenient';
  const partial = projected || (index !== undefined && index.projection !== 'all');
  const { codec } = connection.target.model;
  try {
    return lenient ? decodeLenient(codec, raw, partial) : codec.decode(raw, false, partial);
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

/** A planned write as the write check sees it, and what its rules read of the stored item. */
export interface TrackedWrite {
  readonly write: PlannedWrite;
  /**
   * The condition that holds the write to what rules read through `current()`: each field a
   * rule looked at still holds the value read (or the item is still absent). `undefined` when
   * no rule read the stored item.
   */
  pins(): Promise<Condition | undefined>;
  /** The stored item (one consistent read, shared with `current()`), for checks made here. */
  stored(): Promise<Record<string, AttributeValue> | undefined>;
}

/**
 * The current item of a key, as rules see it: one consistent read, made only if asked for, at
 * most once, strictly validated (a stored item the schema does not describe fails the write).
 * Which fields the rules look at is recorded, so the write can be held to them.
 */
function currentOf<S extends TableShape>(
  connection: Connection<S>,
  key: Record<string, AttributeValue>,
) {
  const { model } = connection.target;
  let loaded: Promise<Record<string, AttributeValue> | undefined> | undefined;
  let asked = false;
  const looked = new Set<string>();
  const load = () => {
    loaded ??= connection
      .send(
        new GetItemCommand({
          TableName: connection.target.tableName,
          Key: key,
          ConsistentRead: true,
        }),
      )
      .then((out) => (out.Item && Object.keys(out.Item).length > 0 ? out.Item : undefined));
    return loaded;
  };
  const track = (item: Record<string, unknown>) => {
    const see = (prop: string | symbol) => {
      if (typeof prop === 'string' && model.codec.byName[prop]) looked.add(prop);
    };
    return new Proxy(item, {
      get(target, prop, receiver) {
        see(prop);
        return Reflect.get(target, prop, receiver);
      },
      has(target, prop) {
        see(prop);
        return Reflect.has(target, prop);
      },
      getOwnPropertyDescriptor(target, prop) {
        see(prop);
        return Reflect.getOwnPropertyDescriptor(target, prop);
      },
      ownKeys(target) {
        for (const field of model.codec.fields) looked.add(field.name);
        return Reflect.ownKeys(target);
      },
    });
  };
  return {
    current: async () => {
      asked = true;
      const raw = await load();
      return raw ? track(decodeStored(connection, raw, 'strict')) : undefined;
    },
    stored: load,
    async pins(): Promise<Condition | undefined> {
      if (!asked) return undefined;
      const raw = await load();
      const pk = model.partitionKey.name;
      if (raw === undefined) return { type: 'exists', path: pk, exists: false };
      if (looked.size === 0) return { type: 'exists', path: pk, exists: true };
      const pins: Condition[] = [...looked].sort().map((field) => ({
        type: 'stored',
        path: field,
        value: raw[model.codec.byName[field]!.savedAs],
      }));
      return pins.length === 1 ? pins[0] : { type: 'and', conditions: pins };
    },
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

/** What the write check sees for one planned write, and what its rules read. */
export function plannedWrite<S extends TableShape>(
  connection: Connection<S>,
  parts: WriteParts,
): TrackedWrite {
  const { current, pins, stored } = currentOf(connection, parts.key);
  const base = {
    table: connection.table.name,
    key: decodeStoredKey(connection, parts.key),
    condition: parts.condition,
    current,
    [operationModel]: connection.target.model,
  };
  let write: PlannedWrite;
  switch (parts.type) {
    case 'put':
      write = {
        ...base,
        type: 'put',
        item: decodeStored(connection, parts.stored ?? {}, 'strict'),
      };
      break;
    case 'update':
      write = { ...base, type: 'update', changes: parts.changes ?? {} };
      break;
    case 'delete':
      write = { ...base, type: 'delete' };
      break;
    case 'check':
      write = { ...base, type: 'check' };
      break;
  }
  return { write, pins, stored };
}

/** The same connection, its requests sent with `signal` (they fail with `request.aborted`). */
export function withSignal<S extends TableShape>(
  connection: Connection<S>,
  signal: AbortSignal,
): Connection<S> {
  if (!(signal instanceof AbortSignal))
    throw new DynamiteError(
      'request.invalid',
      `withSignal needs an AbortSignal, got ${String(signal)}`,
    );
  return Object.freeze({
    ...connection,
    send: makeSend(connection.client, connection.target.tableName, {
      ...connection.sendOptions,
      signal,
    }),
  });
}
