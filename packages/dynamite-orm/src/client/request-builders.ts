import type {
  BatchGetItemCommandInput,
  BatchWriteItemCommandInput,
  DeleteItemCommandInput,
  GetItemCommandInput,
  PutItemCommandInput,
  QueryCommandInput,
  ScanCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { IndexName, TableInput, TableKey, TableShape } from '../model/table-shape.js';
import { planBatchGet, planBatchWrite } from '../requests/batch.js';
import { buildGet, buildQuery, buildScan, requestLimit } from '../requests/read.js';
import { planDelete, planPut, planUpdate } from '../requests/write.js';
import type { Caller } from './caller.js';
import type { Connection } from './connection.js';
import { toWriteOptions } from './convert.js';
import type {
  BatchGetOptions,
  DeleteOptions,
  GetOptions,
  OptionsArgument,
  PutOptions,
  QueryInput,
  ScanInput,
  TableBatchOperation,
  TableUpdateActions,
  UpdateOptions,
} from './options.js';
import { queryRequestOf, scanRequestOf } from './read.js';

/**
 * The escape hatch: the exact DynamoDB request inputs each operation would send, built
 * without sending. Pass them to the client's commands yourself (`db.client.send(...)`) on hot
 * paths, or log them. Queries and scans include what the read policy pushes in for the actor;
 * writes are as planned, before the write policy adds what it requires of the stored item
 * (that depends on its check, made when the operation runs).
 */
export class RequestBuilders<S extends TableShape> {
  readonly #caller: Caller<S>;
  readonly #connection: Connection<S>;

  constructor(caller: Caller<S>) {
    this.#caller = caller;
    this.#connection = caller.connection;
  }

  /** The GetItem input of `get`. */
  get(key: TableKey<S>, options: GetOptions = {}): GetItemCommandInput {
    return buildGet(this.#connection.target, key, options);
  }

  /** The PutItem input of `put`. */
  put(item: TableInput<S>, options: PutOptions<S> = {}): PutItemCommandInput {
    return planPut(this.#connection.target, item, toWriteOptions(options)).input;
  }

  /** The UpdateItem input of `update`. */
  update(
    key: TableKey<S>,
    actions: TableUpdateActions<S>,
    ...[options]: OptionsArgument<S, UpdateOptions<S>>
  ): UpdateItemCommandInput {
    return planUpdate(
      this.#connection.target,
      key,
      actions as Record<string, unknown>,
      toWriteOptions(options),
    ).input;
  }

  /** The DeleteItem input of `delete`. */
  delete(
    key: TableKey<S>,
    ...[options]: OptionsArgument<S, DeleteOptions<S>>
  ): DeleteItemCommandInput {
    return planDelete(this.#connection.target, key, toWriteOptions(options)).input;
  }

  /** The first Query input of `query` / `queryAll` (later pages add `ExclusiveStartKey`). */
  query<I extends IndexName<S> | undefined = undefined>(
    input: QueryInput<S, I>,
  ): QueryCommandInput {
    const request = queryRequestOf(this.#caller, input);
    return buildQuery(this.#connection.target, { ...request, limit: requestLimit(request, 0) });
  }

  /** The first Scan input of `scan`. */
  scan<I extends IndexName<S> | undefined = undefined>(
    input: ScanInput<S, I> = {},
  ): ScanCommandInput {
    const request = scanRequestOf(this.#caller, input);
    return buildScan(this.#connection.target, { ...request, limit: requestLimit(request, 0) });
  }

  /** The BatchGetItem inputs of `batchGet`, one per 100 unique keys (before any retry). */
  batchGet(
    keys: readonly TableKey<S>[],
    options: BatchGetOptions = {},
  ): BatchGetItemCommandInput[] {
    return planBatchGet(this.#connection.target, keys, options).inputs;
  }

  /** The BatchWriteItem inputs of `batchWrite`, one per 25 operations (before any retry). */
  batchWrite(operations: readonly TableBatchOperation<S>[]): BatchWriteItemCommandInput[] {
    return planBatchWrite(this.#connection.target, operations).inputs;
  }
}
