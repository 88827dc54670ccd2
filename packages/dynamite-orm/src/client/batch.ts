// Batches: requests of 100 keys / 25 writes (planned in requests/batch.ts), unprocessed items
// retried with backoff; reads revealed by the read policy, writes all checked before sending.
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { PlannedWrite } from '../access/gate.js';
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
import { authorize, type Caller, enter, reveal } from './caller.js';
import { decodeStored, decodeStoredKey, plannedWrite } from './connection.js';
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
  const { target, client } = connection;
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
        const out = await client.send(
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
      const { items } = await reveal(caller, ordered, options.validation);
      throw new DynamiteError(
        'batch.unprocessed',
        `batchGet on ${model.name}: ${left.length} keys still unprocessed after ${drained.requests} requests`,
        { unprocessed: left.map((key) => decodeStoredKey(connection, key)), items },
      );
    }
  }
  const ordered: Record<string, AttributeValue>[] = [];
  const missing: TableKey<S>[] = [];
  plan.fingerprints.forEach((fingerprint, index) => {
    const raw = found.get(fingerprint);
    if (raw) ordered.push(raw);
    else missing.push(decodeStoredKey(connection, plan.keys[index]!) as TableKey<S>);
  });
  const { items, denied } = await reveal(caller, ordered, options.validation);
  return { items, missing, denied, requests };
}

/** `batchWrite`: puts and deletes, every one checked by the write policy before the first is sent. */
export async function batchWrite<S extends TableShape>(
  caller: Caller<S>,
  operations: readonly TableBatchOperation<S>[],
  options: BatchWriteOptions,
): Promise<BatchWriteResult> {
  const { connection } = caller;
  const { target, client } = connection;
  const { model, tableName } = target;
  const plan = planBatchWrite(target, operations);
  const writes: PlannedWrite[] = plan.entries.map((entry) => plannedWrite(connection, entry));
  enter(caller, 'batchWrite');
  await authorize(caller, writes);
  let requests = 0;
  const parts = chunk(plan.requests, 25);
  for (let i = 0; i < parts.length; i++) {
    const drained = await drainBatch(
      parts[i]!,
      async (pending) => {
        const out = await client.send(
          new BatchWriteItemCommand(batchWriteInput(tableName, pending)),
        );
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
