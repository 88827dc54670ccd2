// The one place requests leave dynamite: every operation's commands go through a connection's
// `send`, which adds ReturnConsumedCapacity, runs the hooks, and passes the abort signal on.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type ConsumedCapacity,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';

/** What a hook is told before a request is sent. */
export interface SendEvent {
  /** The physical table name of the connection. */
  readonly table: string;
  /** The DynamoDB operation: `GetItem`, `Query`, `TransactWriteItems`, ... */
  readonly operation: string;
  /** The exact command input sent (read it; do not change it). */
  readonly input: Readonly<Record<string, unknown>>;
}

/** What a hook is told when the response (or the error) came back. */
export interface ReceiveEvent extends SendEvent {
  /** Milliseconds from send to response, measured with `performance.now()`. */
  readonly durationMs: number;
  /** DynamoDB's consumed capacity, one entry per table (empty unless it was asked for). */
  readonly consumedCapacity: readonly ConsumedCapacity[];
  /** The raw output, when the request succeeded. */
  readonly output?: Readonly<Record<string, unknown>>;
  /** The error, when it failed (it is still thrown to the caller). */
  readonly error?: unknown;
}

/** Per-request hooks for logging, tracing and cost; errors they throw fail the operation. */
export interface OperationHooks {
  readonly beforeSend?: (event: SendEvent) => void;
  readonly afterReceive?: (event: ReceiveEvent) => void;
}

/** How a connection sends: the client's own `send`, with the same overloads. */
export type Send = DynamoDBClient['send'];

/** What a connection's `send` adds to every request. */
export interface SendOptions {
  readonly hooks?: OperationHooks | undefined;
  /** Asks DynamoDB for the capacity each request consumed (`TOTAL` or `INDEXES`). */
  readonly returnConsumedCapacity?: 'TOTAL' | 'INDEXES' | undefined;
  readonly signal?: AbortSignal | undefined;
}

// The data-plane commands dynamite sends, all of which take ReturnConsumedCapacity. Matched by
// class, not by constructor name, which a minifying bundler renames.
const OPERATIONS: readonly [abstract new (...args: never[]) => unknown, string][] = [
  [GetItemCommand, 'GetItem'],
  [PutItemCommand, 'PutItem'],
  [UpdateItemCommand, 'UpdateItem'],
  [DeleteItemCommand, 'DeleteItem'],
  [QueryCommand, 'Query'],
  [ScanCommand, 'Scan'],
  [BatchGetItemCommand, 'BatchGetItem'],
  [BatchWriteItemCommand, 'BatchWriteItem'],
  [TransactGetItemsCommand, 'TransactGetItems'],
  [TransactWriteItemsCommand, 'TransactWriteItems'],
];

/** The DynamoDB operation of a command (`GetItem`, `Query`, ...), or `undefined` for others. */
export function operationOf(command: unknown): string | undefined {
  for (const [type, name] of OPERATIONS) if (command instanceof type) return name;
  return undefined;
}

function capacityOf(output: Record<string, unknown> | undefined): ConsumedCapacity[] {
  const c = output?.ConsumedCapacity as ConsumedCapacity | ConsumedCapacity[] | undefined;
  return c === undefined ? [] : Array.isArray(c) ? c : [c];
}

function aborted(operation: string, table: string, signal: AbortSignal): DynamiteError {
  return new DynamiteError(
    'request.aborted',
    `${operation} on ${table} was aborted by its signal${signal.reason instanceof Error ? `: ${signal.reason.message}` : ''}`,
  );
}

/** A `send` for one connection: the client's, wrapped with what `options` asks for. */
export function makeSend(client: DynamoDBClient, table: string, options: SendOptions): Send {
  const { hooks, returnConsumedCapacity, signal } = options;
  if (!hooks && !returnConsumedCapacity && !signal) return client.send.bind(client) as Send;
  const send = async (command: { input: Record<string, unknown> }) => {
    const known = operationOf(command);
    const operation = known ?? 'unknown';
    if (returnConsumedCapacity && known && !command.input.ReturnConsumedCapacity)
      command.input.ReturnConsumedCapacity = returnConsumedCapacity;
    if (signal?.aborted) throw aborted(operation, table, signal);
    const event = { table, operation, input: command.input };
    hooks?.beforeSend?.(event);
    const start = performance.now();
    try {
      const output = (await (client.send as (c: never, o: object) => Promise<unknown>)(
        command as never,
        signal ? { abortSignal: signal } : {},
      )) as Record<string, unknown>;
      hooks?.afterReceive?.({
        ...event,
        durationMs: performance.now() - start,
        consumedCapacity: capacityOf(output),
        output,
      });
      return output;
    } catch (error) {
      hooks?.afterReceive?.({
        ...event,
        durationMs: performance.now() - start,
        consumedCapacity: [],
        error,
      });
      if (signal?.aborted) throw aborted(operation, table, signal);
      throw error;
    }
  };
  return send as unknown as Send;
}
