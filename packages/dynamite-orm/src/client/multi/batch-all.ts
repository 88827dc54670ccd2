// Batches across tables and entities: one BatchGetItem / BatchWriteItem call holds keys or
// writes of several tables (100 keys, 25 writes per request), unprocessed ones retried with
// backoff as in a table's own batch. Reads are checked by their own read policies; writes are
// all checked by their own write policies before the first request is sent.
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { authorizeWrites } from '../../access/gate.js';
import { DynamiteError, type PolicyDenial } from '../../errors/dynamite-error.js';
import { ExpressionContext } from '../../expressions/context.js';
import { BATCH_GET_LIMIT, BATCH_WRITE_LIMIT, chunk } from '../../requests/batch.js';
import { projectionOf } from '../../requests/read.js';
import { drainBatch, type RetryOptions } from '../batch-retry.js';
import { decodeStored, decodeStoredKey } from '../connection.js';
import { enforcementOf, refuseConditionalBatch } from '../enforce.js';
import type { BatchWriteOp } from './batch-builders.js';
import {
  checkGetOperations,
  type GetOperation,
  type GetResults,
  type Judged,
  judge,
  planFetches,
  settle,
} from './get-operation.js';

/** Options of {@link batchGetAll}. */
export interface BatchGetAllOptions {
  /** Strongly consistent reads (every table). */
  consistentRead?: boolean;
  /** Retries of unprocessed keys; default the first read's connection's. */
  retry?: RetryOptions;
}

/** Result of {@link batchGetAll}. */
export interface BatchGetAllResult<Ops extends readonly GetOperation<unknown>[]> {
  /** Each read's item in the order of the reads; `undefined` where none or withheld. */
  items: GetResults<Ops>;
  /** Reads whose item the read policy withheld (0 for tables that conceal denied reads). */
  denied: number;
  /** The withheld reads: index, table and why. */
  denials: PolicyDenial[];
  /** BatchGetItem requests sent, retries included. */
  requests: number;
}

/** An item's place in a batch: the physical table and its stored key. */
interface Slot {
  readonly tableName: string;
  readonly key: Record<string, AttributeValue>;
}

function fingerprint(tableName: string, key: Record<string, AttributeValue>): string {
  return JSON.stringify([
    tableName,
    ...Object.keys(key)
      .sort()
      .map((k) => [k, key[k]]),
  ]);
}

/** The stored key of a returned item, by the attribute names its request used. */
function keyOf(raw: Record<string, AttributeValue>, names: readonly string[]) {
  const key: Record<string, AttributeValue> = {};
  for (const name of names) if (raw[name] !== undefined) key[name] = raw[name]!;
  return key;
}

/**
 * Reads items of several tables and entities by key in as few BatchGetItem requests as
 * DynamoDB allows (100 keys each; a key asked twice is read once). Each item is decoded by
 * its own schema and checked by its own read policy; a withheld item is `undefined` and
 * counted in `denied` (as a table's `batchGet` does). Projections: reads of one table share
 * one ProjectionExpression, the union of what each fetches (the whole item if any must be
 * whole); each result keeps only its own read's fields.
 *
 * @example
 * const { items: [user, order] } = await batchGetAll([
 *   users.as(v).tx.get({ userId: 'ada' }),
 *   orders.as(v).tx.get({ userId: 'ada', orderId: 'o1' }),
 * ]);
 */
export async function batchGetAll<const Ops extends readonly GetOperation<unknown>[]>(
  operations: Ops,
  options: BatchGetAllOptions = {},
): Promise<BatchGetAllResult<Ops>> {
  checkGetOperations('batchGetAll', operations, Number.MAX_SAFE_INTEGER);
  const fetches = await planFetches(operations, 'batchGet');
  const first = operations[0]!.caller.connection;
  // Per physical table: its key names and the union of what its reads fetch.
  const tables = new Map<
    string,
    { names: string[]; fetch: Set<string> | undefined; op: GetOperation<unknown> }
  >();
  const slots = new Map<string, Slot>();
  operations.forEach((op, i) => {
    const { tableName } = op.caller.connection.target;
    const table = tables.get(tableName);
    const fetch = fetches[i];
    if (!table) {
      tables.set(tableName, { names: Object.keys(op.key), fetch: fetch && new Set(fetch), op });
    } else if (table.fetch && fetch) {
      for (const name of fetch) table.fetch.add(name);
    } else {
      table.fetch = undefined;
    }
    slots.set(fingerprint(tableName, op.key), { tableName, key: op.key });
  });
  const found = new Map<string, Record<string, AttributeValue>>();
  const requestOf = (tableName: string, keys: Record<string, AttributeValue>[]) => {
    const table = tables.get(tableName)!;
    const ctx = new ExpressionContext();
    const projection = table.fetch
      ? projectionOf(table.op.caller.connection.target.model, undefined, [...table.fetch], ctx)
      : undefined;
    const request: KeysAndAttributes = {
      Keys: keys,
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...ctx.attributes(),
      ...(options.consistentRead ? { ConsistentRead: true } : {}),
    };
    return request;
  };
  let requests = 0;
  const parts = chunk([...slots.values()], BATCH_GET_LIMIT);
  for (let p = 0; p < parts.length; p++) {
    const drained = await drainBatch(
      parts[p]!,
      async (pending) => {
        const byTable = new Map<string, Record<string, AttributeValue>[]>();
        for (const slot of pending) {
          const list = byTable.get(slot.tableName) ?? [];
          list.push(slot.key);
          byTable.set(slot.tableName, list);
        }
        const out = await first.send(
          new BatchGetItemCommand({
            RequestItems: Object.fromEntries(
              [...byTable].map(([tableName, keys]) => [tableName, requestOf(tableName, keys)]),
            ),
          }),
        );
        for (const [tableName, raws] of Object.entries(out.Responses ?? {})) {
          const { names } = tables.get(tableName)!;
          for (const raw of raws) found.set(fingerprint(tableName, keyOf(raw, names)), raw);
        }
        return Object.entries(out.UnprocessedKeys ?? {}).flatMap(([tableName, left]) =>
          (left.Keys ?? []).map((key) => ({ tableName, key })),
        );
      },
      options.retry ?? first.retry,
    );
    requests += drained.requests;
    if (drained.unprocessed.length > 0) {
      const left = [...drained.unprocessed, ...parts.slice(p + 1).flat()];
      throw new DynamiteError(
        'batch.unprocessed',
        `batchGetAll: ${left.length} keys still unprocessed after ${drained.requests} requests`,
        { unprocessed: left.map((slot) => ({ table: slot.tableName, key: slot.key })) },
      );
    }
  }
  const judged: (Judged | undefined)[] = await Promise.all(
    operations.map((op) => {
      const raw = found.get(fingerprint(op.caller.connection.target.tableName, op.key));
      return raw
        ? judge(op, raw, tables.get(op.caller.connection.target.tableName)!.fetch !== undefined)
        : undefined;
    }),
  );
  const denials: PolicyDenial[] = [];
  const items = settle('batchGetAll', operations, judged, denials) as GetResults<Ops>;
  return { items, denied: denials.length, denials, requests };
}

/** Options of {@link batchWriteAll}. */
export interface BatchWriteAllOptions {
  /** Retries of unprocessed writes; default the first write's connection's. */
  retry?: RetryOptions;
}

/** Result of {@link batchWriteAll}. */
export interface BatchWriteAllResult {
  /** Writes made. */
  written: number;
  /** BatchWriteItem requests sent, retries included. */
  requests: number;
}

function checkWriteOps(operations: readonly BatchWriteOp[]): void {
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new DynamiteError(
      'request.invalid',
      `batchWriteAll needs at least one write, got ${Array.isArray(operations) ? 0 : typeof operations}`,
    );
  }
  const client = operations[0]?.caller?.connection.client;
  const seen = new Set<string>();
  operations.forEach((op, index) => {
    if (op?.kind !== 'batch-write-operation') {
      throw new DynamiteError(
        'request.invalid',
        `batchWriteAll write ${index} was not made by db.as(viewer).batch`,
      );
    }
    if (op.caller.connection.client !== client) {
      throw new DynamiteError(
        'request.invalid',
        `batchWriteAll writes must come from tables connected to one client (write ${index} does not)`,
      );
    }
    const id = fingerprint(op.caller.connection.target.tableName, op.entry.key);
    if (seen.has(id)) {
      throw new DynamiteError(
        'request.invalid',
        `batchWriteAll write ${index} targets a key an earlier write targets (their order is not defined)`,
      );
    }
    seen.add(id);
  });
}

/**
 * Puts and deletes items of several tables and entities (25 per request, unprocessed ones
 * retried with backoff). Every write is checked by its own write policy before the first
 * request is sent: if any is refused, nothing is written and `policy.denied` lists them all
 * (index in the list, table, why). A write the policy allows only on a condition on the stored
 * item is refused too: BatchWriteItem carries no conditions (use `transactWrite`).
 *
 * @example
 * await batchWriteAll([users.as(v).batch.put(user), orders.as(v).batch.delete({ userId: 'ada', orderId: 'o1' })]);
 */
export async function batchWriteAll(
  operations: readonly BatchWriteOp[],
  options: BatchWriteAllOptions = {},
): Promise<BatchWriteAllResult> {
  checkWriteOps(operations);
  for (const op of operations) op.caller.connection.gate.enter(op.caller.actor, 'batchWrite');
  const checks = await authorizeWrites(
    operations.map((op) => ({
      gate: op.caller.connection.gate,
      actor: op.caller.actor,
      write: op.tracked.write,
    })),
  );
  const enforcements = await Promise.all(
    operations.map((op, i) => enforcementOf(checks[i]!, op.tracked)),
  );
  await refuseConditionalBatch(
    operations.map((op, i) => ({
      model: op.caller.connection.target.model,
      tracked: op.tracked,
      enforcement: enforcements[i]!,
    })),
    'batchWriteAll',
  );
  const first = operations[0]!.caller.connection;
  const keyNames = new Map<string, string[]>();
  const byKey = new Map<string, BatchWriteOp>();
  for (const op of operations) {
    const { tableName } = op.caller.connection.target;
    if (!keyNames.has(tableName)) keyNames.set(tableName, Object.keys(op.entry.key));
    byKey.set(fingerprint(tableName, op.entry.key), op);
  }
  // DynamoDB hands back copies of unprocessed writes: found again by table and key.
  const opOf = (tableName: string, request: WriteRequest) => {
    const key = request.PutRequest
      ? keyOf(request.PutRequest.Item ?? {}, keyNames.get(tableName) ?? [])
      : (request.DeleteRequest?.Key ?? {});
    return byKey.get(fingerprint(tableName, key));
  };
  const slots = operations.map((op) => ({
    tableName: op.caller.connection.target.tableName,
    request: op.request,
  }));
  let requests = 0;
  const parts = chunk(slots, BATCH_WRITE_LIMIT);
  for (let p = 0; p < parts.length; p++) {
    const drained = await drainBatch(
      parts[p]!,
      async (pending) => {
        const byTable: Record<string, WriteRequest[]> = {};
        for (const slot of pending) {
          const list = byTable[slot.tableName] ?? [];
          list.push(slot.request);
          byTable[slot.tableName] = list;
        }
        const out = await first.send(new BatchWriteItemCommand({ RequestItems: byTable }));
        return Object.entries(out.UnprocessedItems ?? {}).flatMap(([tableName, left]) =>
          left.map((request) => ({ tableName, request })),
        );
      },
      options.retry ?? first.retry,
    );
    requests += drained.requests;
    if (drained.unprocessed.length > 0) {
      const left = [...drained.unprocessed, ...parts.slice(p + 1).flat()];
      throw new DynamiteError(
        'batch.unprocessed',
        `batchWriteAll: ${left.length} writes not made after ${drained.requests} requests (earlier ones were written)`,
        {
          unprocessed: left.map(({ tableName, request }) => {
            const connection = opOf(tableName, request)?.caller.connection ?? first;
            return request.PutRequest
              ? {
                  table: tableName,
                  put: decodeStored(connection, request.PutRequest.Item ?? {}, 'lenient'),
                }
              : {
                  table: tableName,
                  delete: decodeStoredKey(connection, request.DeleteRequest?.Key ?? {}),
                };
          }),
        },
      );
    }
  }
  return { written: operations.length, requests };
}
