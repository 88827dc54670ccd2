// Writes of one table (or entity) for `batchWriteAll`, planned and validated when made.
import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { TableInput, TableKey, TableShape } from '../../model/table-shape.js';
import { type BatchWritePlanEntry, planBatchWrite } from '../../requests/batch.js';
import type { Caller } from '../caller.js';
import { plannedWrite, type TrackedWrite } from '../connection.js';

/**
 * One put or delete for `batchWriteAll`, made by `db.as(viewer).batch.put(item)` /
 * `.delete(key)` (tables and entities). Validated and encoded when made; checked by its write
 * policy, with every other write of the call, before anything is sent.
 */
export interface BatchWriteOp {
  readonly kind: 'batch-write-operation';
  /** @internal the table and actor */
  readonly caller: Caller<TableShape>;
  /** @internal the planned write */
  readonly entry: BatchWritePlanEntry;
  /** @internal the element of RequestItems */
  readonly request: WriteRequest;
  /** @internal what the write check sees */
  readonly tracked: TrackedWrite;
}

/** Plans one batch write of a caller's table (`batch.put` / `batch.delete`). */
export function batchWriteOp(
  caller: Caller<TableShape>,
  operation: { put: unknown } | { delete: unknown },
): BatchWriteOp {
  const { connection } = caller;
  const plan = planBatchWrite(connection.target, [operation]);
  const entry = plan.entries[0]!;
  return Object.freeze({
    kind: 'batch-write-operation',
    caller,
    entry,
    request: plan.requests[0]!,
    tracked: plannedWrite(connection, entry),
  });
}

/** The writes of one table for `batchWriteAll`. */
export class BatchBuilders<S extends TableShape> {
  readonly #caller: Caller<S>;

  constructor(caller: Caller<S>) {
    this.#caller = caller;
    Object.freeze(this);
  }

  /** A put (no condition: batch writes carry none, so versioned tables refuse it). */
  put(item: TableInput<S>): BatchWriteOp {
    return batchWriteOp(this.#caller, { put: item });
  }

  /** A delete by key. */
  delete(key: TableKey<S>): BatchWriteOp {
    return batchWriteOp(this.#caller, { delete: key });
  }
}
