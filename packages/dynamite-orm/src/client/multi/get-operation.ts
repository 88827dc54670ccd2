// A read of one item by key, planned for one table (or entity) and actor, to be sent with
// reads of other tables in one request: `transactGet` (TransactGetItems) or `batchGetAll`
// (BatchGetItem). Each item comes back decoded by its own schema, checked by its own read
// policy and shaped by its own projection.
import type { AttributeValue, Get } from '@aws-sdk/client-dynamodb';
import { DynamiteError, type PolicyDenial } from '../../errors/dynamite-error.js';
import { ExpressionContext } from '../../expressions/context.js';
import { encodeKey, keyFingerprint } from '../../model/table-model.js';
import type { TableShape } from '../../model/table-shape.js';
import { checkAttributes, projectionOf } from '../../requests/read.js';
import { type Caller, enter, readDenial } from '../caller.js';
import { decodeStored } from '../connection.js';
import { keepFields, planProjection } from '../projection/plan.js';

/**
 * One read by key, made by `db.as(viewer).tx.get(key)` (tables and entities); pass several,
 * of any tables sharing a client, to `transactGet` or `batchGetAll`. `T` is the item it reads.
 */
export interface GetOperation<T> {
  readonly kind: 'get-operation';
  /** @internal the table and actor */
  readonly caller: Caller<TableShape>;
  /** @internal the encoded key */
  readonly key: Record<string, AttributeValue>;
  /** @internal the fields asked for (table field names), if a projection was asked */
  readonly attributes: readonly string[] | undefined;
  /** @internal the fields the result keeps */
  readonly keep: readonly string[] | undefined;
  /** @internal the item as the caller receives it */
  readonly finish: (item: Record<string, unknown>) => T;
  /** @internal turns a table-level error into the one the caller should see (entities) */
  readonly rethrow: (error: unknown) => never;
  /** The type of the item read, for inference only (never set). */
  readonly '~item'?: T;
}

/** The results of a list of reads: each one's item, or `undefined` where none is stored. */
export type GetResults<Ops extends readonly GetOperation<unknown>[]> = {
  -readonly [K in keyof Ops]: Ops[K] extends GetOperation<infer T> ? T | undefined : never;
};

const rethrowAsIs = (error: unknown): never => {
  throw error;
};

/** Plans a read of one item of a table for a caller (`tx.get`). */
export function getOperation<T>(
  caller: Caller<TableShape>,
  key: unknown,
  attributes: readonly string[] | undefined,
): GetOperation<T> {
  const { model } = caller.connection.target;
  const keep = attributes === undefined ? undefined : checkAttributes(model, attributes);
  return Object.freeze({
    kind: 'get-operation',
    caller,
    key: encodeKey(model, key),
    attributes: keep,
    keep,
    finish: (item: Record<string, unknown>) => item as T,
    rethrow: rethrowAsIs,
  });
}

/** A read of the item at an encoded key (a transaction's re-read of what it wrote). */
export function storedGetOperation(
  caller: Caller<TableShape>,
  key: Record<string, AttributeValue>,
  finish: (item: Record<string, unknown>) => unknown,
): GetOperation<unknown> {
  return Object.freeze({
    kind: 'get-operation',
    caller,
    key,
    attributes: undefined,
    keep: undefined,
    finish,
    rethrow: rethrowAsIs,
  });
}

/** Refuses a list of reads that are not `tx.get` operations, or more than `limit`. */
export function checkGetOperations(
  name: string,
  operations: readonly GetOperation<unknown>[],
  limit: number,
): void {
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > limit) {
    throw new DynamiteError(
      'request.invalid',
      `${name} needs 1 to ${limit} reads, got ${Array.isArray(operations) ? operations.length : typeof operations}`,
    );
  }
  const client = operations[0]?.caller?.connection.client;
  operations.forEach((op, index) => {
    if (op?.kind !== 'get-operation') {
      throw new DynamiteError(
        'request.invalid',
        `${name} read ${index} was not made by db.as(viewer).tx.get`,
      );
    }
    if (op.caller.connection.client !== client) {
      throw new DynamiteError(
        'request.invalid',
        `${name} reads must come from tables connected to one client (read ${index} does not)`,
      );
    }
  });
}

/** Where an operation reads: the physical table and the key, one string. */
export function readTarget(op: GetOperation<unknown>): string {
  const { target } = op.caller.connection;
  return `${target.tableName}\u0001${keyFingerprint(target.model, op.key)}`;
}

/** What each read fetches: planned for its actor, once the operations were entered. */
export async function planFetches(
  operations: readonly GetOperation<unknown>[],
  operation: 'get' | 'batchGet',
): Promise<(readonly string[] | undefined)[]> {
  for (const op of operations) enter(op.caller, operation);
  return Promise.all(
    operations.map(async (op) => (await planProjection(op.caller, op.attributes)).fetch),
  );
}

/** The Get element of one read (its projection, if it fetches one). */
export function getRequest(op: GetOperation<unknown>, fetch: readonly string[] | undefined): Get {
  const { target } = op.caller.connection;
  const ctx = new ExpressionContext();
  const projection = fetch ? projectionOf(target.model, undefined, fetch, ctx) : undefined;
  return {
    TableName: target.tableName,
    Key: op.key,
    ...(projection ? { ProjectionExpression: projection } : {}),
    ...ctx.attributes(),
  };
}

/** A read that found its item: decoded, and whether the read policy lets the actor see it. */
export interface Judged {
  readonly item: unknown;
  readonly denial: string | undefined;
}

/**
 * Decodes and checks the item one read found. Errors of decoding are turned into what the
 * read's entity reports (another entity's item at the key is `entity.unknown`).
 */
export async function judge(
  op: GetOperation<unknown>,
  raw: Record<string, AttributeValue>,
  fetched: boolean,
): Promise<Judged> {
  const { connection } = op.caller;
  let item: Record<string, unknown>;
  try {
    item = decodeStored(connection, raw, 'strict', undefined, fetched);
  } catch (error) {
    return op.rethrow(error);
  }
  return { item, denial: await readDenial(op.caller, item) };
}

/**
 * The items of a list of reads, in order: `undefined` where none was stored or the read
 * policy withholds it. `transactGet` (like `get`) fails with `policy.denied` listing every
 * denial the actor may be told of; `batchGetAll` (like `batchGet`) withholds them and counts
 * them in `denials`. Where a table conceals denied reads, its denials are neither.
 */
export function settle(
  name: 'transactGet' | 'batchGetAll',
  operations: readonly GetOperation<unknown>[],
  judged: readonly (Judged | undefined)[],
  denials: PolicyDenial[] = [],
): unknown[] {
  const throwing = name === 'transactGet';
  const out = operations.map((op, index) => {
    const found = judged[index];
    if (found === undefined) return undefined;
    const { gate, table } = op.caller.connection;
    if (found.denial !== undefined) {
      gate.reportDenied(op.caller.actor, 'get', [found.item]);
      if (!gate.conceals(op.caller.actor)) {
        denials.push({ index, table: table.name, operation: 'get', reason: found.denial });
      }
      return undefined;
    }
    try {
      return op.finish(keepFields(found.item as Record<string, unknown>, op.keep));
    } catch (error) {
      return op.rethrow(error);
    }
  });
  if (throwing && denials.length > 0) {
    throw new DynamiteError(
      'policy.denied',
      `${name} refused: ${denials.map((d) => `#${d.index} get on ${d.table}: ${d.reason}`).join('; ')}`,
      { denials },
    );
  }
  return out;
}
