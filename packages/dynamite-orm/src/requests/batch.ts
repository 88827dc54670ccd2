import type {
  AttributeValue,
  BatchGetItemCommandInput,
  BatchWriteItemCommandInput,
  WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import {
  checkKeyValue,
  encodeKey,
  keyFingerprint,
  keyOfStored,
  type Target,
} from '../model/table-model.js';
import { toDynamiteError } from '../schema/issue.js';

/** DynamoDB's per-request limits. */
export const BATCH_GET_LIMIT = 100;
export const BATCH_WRITE_LIMIT = 25;

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A batch get, planned: unique encoded keys in first-seen order, in request-sized chunks. */
export interface BatchGetPlan {
  readonly keys: Record<string, AttributeValue>[];
  readonly fingerprints: string[];
  readonly inputs: BatchGetItemCommandInput[];
}

/** One BatchGetItem request for one table. */
export function batchGetInput(
  tableName: string,
  keys: Record<string, AttributeValue>[],
  consistentRead: boolean | undefined,
): BatchGetItemCommandInput {
  return {
    RequestItems: {
      [tableName]: { Keys: keys, ...(consistentRead ? { ConsistentRead: true } : {}) },
    },
  };
}

/** Plans a batch get: duplicates are read once (DynamoDB refuses them in one request). */
export function planBatchGet(
  target: Target,
  keys: readonly unknown[],
  options: { consistentRead?: boolean } = {},
): BatchGetPlan {
  if (!Array.isArray(keys)) invalid(`batchGet needs an array of keys, got ${describeValue(keys)}`);
  const unique: Record<string, AttributeValue>[] = [];
  const fingerprints: string[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const encoded = encodeKey(target.model, key);
    const fingerprint = keyFingerprint(target.model, encoded);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    unique.push(encoded);
    fingerprints.push(fingerprint);
  }
  return {
    keys: unique,
    fingerprints,
    inputs: chunk(unique, BATCH_GET_LIMIT).map((part) =>
      batchGetInput(target.tableName, part, options.consistentRead),
    ),
  };
}

/** One operation of a batch write: put an item or delete a key. */
export type BatchWriteOperation<Item, Key> = { readonly put: Item } | { readonly delete: Key };

/** One planned batch write operation. */
export type BatchWritePlanEntry =
  | {
      readonly type: 'put';
      readonly key: Record<string, AttributeValue>;
      readonly stored: Record<string, AttributeValue>;
    }
  | { readonly type: 'delete'; readonly key: Record<string, AttributeValue> };

/** A batch write, planned: every operation validated and encoded, in request-sized chunks. */
export interface BatchWritePlan {
  readonly entries: BatchWritePlanEntry[];
  readonly requests: WriteRequest[];
  readonly inputs: BatchWriteItemCommandInput[];
}

/** One BatchWriteItem request for one table. */
export function batchWriteInput(
  tableName: string,
  requests: WriteRequest[],
): BatchWriteItemCommandInput {
  return { RequestItems: { [tableName]: requests } };
}

/**
 * Plans a batch write. Every operation is validated before anything could be sent. Batch
 * writes cannot carry conditions, so versioned tables refuse them (use a transaction), and
 * two operations on one key are refused (their order across requests is not defined).
 */
export function planBatchWrite(target: Target, operations: readonly unknown[]): BatchWritePlan {
  const { model } = target;
  if (!Array.isArray(operations))
    invalid(`batchWrite needs an array of operations, got ${describeValue(operations)}`);
  if (model.version) {
    invalid(
      `batchWrite cannot keep the version of table ${model.name} (batch writes have no conditions); use transactWrite`,
    );
  }
  const entries: BatchWritePlanEntry[] = [];
  const requests: WriteRequest[] = [];
  const seen = new Set<string>();
  for (const [index, operation] of operations.entries()) {
    const op = operation as Record<string, unknown>;
    const isPut = typeof op === 'object' && op !== null && 'put' in op && !('delete' in op);
    const isDelete = typeof op === 'object' && op !== null && 'delete' in op && !('put' in op);
    let entry: BatchWritePlanEntry;
    if (isPut) {
      let stored: Record<string, AttributeValue>;
      try {
        stored = model.codec.encode(op.put);
        checkKeyValue(model.partitionKey, stored[model.partitionKey.savedAs]);
        if (model.sortKey) checkKeyValue(model.sortKey, stored[model.sortKey.savedAs]);
      } catch (error) {
        return toDynamiteError(
          error,
          `batchWrite operation ${index}: invalid item for table ${model.name}`,
        );
      }
      entry = { type: 'put', key: keyOfStored(model, stored), stored };
      requests.push({ PutRequest: { Item: stored } });
    } else if (isDelete) {
      const key = encodeKey(model, op.delete);
      entry = { type: 'delete', key };
      requests.push({ DeleteRequest: { Key: key } });
    } else {
      return invalid(
        `batchWrite operation ${index} must be { put: item } or { delete: key }, got ${describeValue(op)}`,
      );
    }
    const fingerprint = keyFingerprint(model, entry.key);
    if (seen.has(fingerprint))
      invalid(`batchWrite operation ${index} targets a key an earlier operation targets`);
    seen.add(fingerprint);
    entries.push(entry);
  }
  return {
    entries,
    requests,
    inputs: chunk(requests, BATCH_WRITE_LIMIT).map((part) =>
      batchWriteInput(target.tableName, part),
    ),
  };
}
