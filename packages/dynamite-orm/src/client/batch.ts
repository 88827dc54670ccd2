// Batches: requests of 100 keys / 25 writes (planned in requests/batch.ts), unprocessed items
// retried with backoff; reads revealed by the read policy, writes all checked before sending.
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError } from '../errors/dynamite-error.js';
import { keyFingerprint, keyOfStored } from '../model/table-model.js';
import type { TableKey, TableShape } from '../model/table-shape.js';
import {
  batchGetInput,
  batchWriteInput,
  chunk,
  planBatchGet,
  planBatchWrite,
} from '../requests/batch.js';
import { drainBatch } from './batch-retry.js';
import { authorize, type Caller, decodeAll, enter, reveal, revealDecoded } from './caller.js';
import { decodeStored, decodeStoredKey, plannedWrite } from './connection.js';
import { refuseConditionalBatch } from './enforce.js';
import type {
  BatchGetOptions,
  BatchGetResult,
  BatchWriteOptions,
  BatchWriteResult,
  TableBatchOperation,
} from './options.js';

/** `batchGet`: found items in key order, the keys not found, and how many were withheld. */
export async function batchGet<S extends TableShape>(
  caller: Caller<S>,
  keys: readonly TableKey<S>[],
  options: BatchGetOptions,
): Promise<BatchGetResult<S>> {
  const { connection } = caller;
  const { target, send } = connection;
  const { model, tableName } = target;
  const plan = planBatchGet(target, keys, options);
  enter(caller, 'batchGet');
  const found = new Map<string, Record<string, AttributeValue>>();
  let requests = 0;
  const parts = chunk(plan.keys, 100);
  for (let i = 0; i < parts.length; i++) {
    const drained = await drainBatch(
      parts[i]!,
      async (pending) => {
        const out = await send(
          new BatchGetItemCommand(batchGetInput(tableName, pending, options.consistentRead)),
        );
        for (const raw of out.Responses?.[tableName] ?? [])
          found.set(keyFingerprint(model, keyOfStored(model, raw)), raw);
        return out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      },
      options.retry ?? connection.retry,
    );
    requests += drained.requests;
    if (drained.unprocessed.length > 0) {
      const left = [...drained.unprocessed, ...parts.slice(i + 1).flat()];
      const ordered = plan.fingerprints.flatMap((f) => (found.has(f) ? [found.get(f)!] : []));
      const { items } = await reveal(caller, 'batchGet', ordered, options.validation);
      throw new DynamiteError(
        'batch.unprocessed',
        `batchGet on ${model.name}: ${left.length} keys still unprocessed after ${drained.requests} requests`,
        { unprocessed: left.map((key) => decodeStoredKey(connection, key)), items },
      );
    }
  }
  const present = plan.fingerprints.flatMap((f, index) => (found.has(f) ? [index] : []));
  const decoded = decodeAll(
    caller,
    present.map((index) => found.get(plan.fingerprints[index]!)!),
    options.validation,
  );
  const { items, denied, visible } = await revealDecoded(caller, 'batchGet', decoded);
  // Where the table conceals denied reads, a withheld item is reported as missing, in order.
  const conceal = caller.connection.gate.conceals(caller.actor);
  const shown = new Set(present.filter((_, i) => visible === undefined || visible[i]));
  const missing: TableKey<S>[] = [];
  plan.fingerprints.forEach((fingerprint, index) => {
    if (shown.has(index) || (found.has(fingerprint) && !conceal)) return;
    missing.push(decodeStoredKey(connection, plan.keys[index]!) as TableKey<S>);
  });
  return { items: items as never, missing, denied, requests };
}

/** `batchWrite`: puts and deletes, every one checked by the write policy before the first is sent. */
export async function batchWrite<S extends TableShape>(
  caller: Caller<S>,
  operations: readonly TableBatchOperation<S>[],
  options: BatchWriteOptions,
): Promise<BatchWriteResult> {
  const { connection } = caller;
  const { target, send } = connection;
  const { model, tableName } = target;
  const plan = planBatchWrite(target, operations);
  const writes = plan.entries.map((entry) => plannedWrite(connection, entry));
  enter(caller, 'batchWrite');
  const enforcements = await authorize(caller, writes);
  await refuseConditionalBatch(
    writes.map((tracked, i) => ({ model, tracked, enforcement: enforcements[i]! })),
    'batchWrite',
  );
  let requests = 0;
  const parts = chunk(plan.requests, 25);
  for (let i = 0; i < parts.length; i++) {
    const drained = await drainBatch(
      parts[i]!,
      async (pending) => {
        const out = await send(new BatchWriteItemCommand(batchWriteInput(tableName, pending)));
        return out.UnprocessedItems?.[tableName] ?? [];
      },
      options.retry ?? connection.retry,
    );
    requests += drained.requests;
    if (drained.unprocessed.length > 0) {
      const left: WriteRequest[] = [...drained.unprocessed, ...parts.slice(i + 1).flat()];
      throw new DynamiteError(
        'batch.unprocessed',
        `batchWrite on ${model.name}: ${left.length} operations not written after ${drained.requests} requests (earlier ones were written)`,
        {
          unprocessed: left.map((request) =>
            request.PutRequest
              ? { put: decodeStored(connection, request.PutRequest.Item ?? {}, 'lenient') }
              : { delete: decodeStoredKey(connection, request.DeleteRequest?.Key ?? {}) },
          ),
        },
      );
    }
  }
  return { written: plan.entries.length, requests };
}
