import type {
  AttributeValue,
  GetItemCommandInput,
  QueryCommandInput,
  ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { compileCondition } from '../expressions/compile-condition.js';
import type { Condition } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/context.js';
import { compileKeyCondition } from '../expressions/key-condition.js';
import { encodeKey, type IndexModel, type TableModel, type Target } from '../model/table-model.js';
import { decodeCursor } from './cursor.js';

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

/**
 * Checks the field names of a projection: top-level fields of the table, at least one.
 * Returns them without duplicates.
 */
export function checkAttributes(model: TableModel, attributes: unknown): string[] {
  const fields = model.codec.fields.map((f) => f.name);
  if (!Array.isArray(attributes) || attributes.length === 0) {
    return invalid(
      `attributes must be a non-empty array of field names of ${model.name} (${fields.join(', ')}), got ${describeValue(attributes)}`,
    );
  }
  for (const name of attributes) {
    if (typeof name !== 'string' || !model.codec.byName[name]) {
      invalid(
        `attributes: ${describeValue(name)} is not a field of ${model.name}; its fields are ${fields.join(', ')}`,
      );
    }
  }
  return [...new Set(attributes as string[])];
}

/**
 * The ProjectionExpression of a read of `attributes` (field names), by expression attribute
 * names. The keys of the table and of `index` are always fetched: a page's cursor and the
 * report of a denied read are built from them (the result leaves out what was not asked for).
 */
export function projectionOf(
  model: TableModel,
  index: IndexModel | undefined,
  attributes: readonly string[],
  ctx: ExpressionContext,
): string {
  const saved = new Set<string>();
  for (const name of checkAttributes(model, attributes)) {
    saved.add(model.codec.byName[name]!.savedAs);
  }
  for (const key of [model.partitionKey, model.sortKey, index?.partitionKey, index?.sortKey]) {
    if (key) saved.add(key.savedAs);
  }
  return [...saved].map((name) => ctx.name(name)).join(', ');
}

/** Builds a GetItem request; `attributes` names the fields to fetch (a projection). */
export function buildGet(
  target: Target,
  key: unknown,
  options: { consistentRead?: boolean; attributes?: readonly string[] } = {},
): GetItemCommandInput {
  const ctx = new ExpressionContext();
  const projection =
    options.attributes !== undefined
      ? projectionOf(target.model, undefined, options.attributes, ctx)
      : undefined;
  return {
    TableName: target.tableName,
    Key: encodeKey(target.model, key),
    ...(options.consistentRead ? { ConsistentRead: true } : {}),
    ...(projection ? { ProjectionExpression: projection } : {}),
    ...ctx.attributes(),
  };
}

/** Finds an index by name, or throws naming the ones that exist. */
export function findIndex(model: TableModel, name: string | undefined): IndexModel | undefined {
  if (name === undefined) return undefined;
  const index = model.indexes.get(name);
  if (index) return index;
  const names = [...model.indexes.keys()];
  return invalid(
    `table ${model.name} has no index ${JSON.stringify(name)}${names.length ? `; indexes are ${names.join(', ')}` : ''}`,
  );
}

function checkLimit(limit: unknown): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit > 0) return limit;
  return invalid(`limit must be a positive integer, got ${describeValue(limit)}`);
}

/** A query in untyped form (the table gives the typed one). */
export interface QueryRequest {
  index?: string;
  key: unknown;
  filter?: Condition;
  descending?: boolean;
  limit?: number;
  cursor?: string;
  consistentRead?: boolean;
  /** Fetch only these fields (and the keys): a ProjectionExpression. */
  attributes?: readonly string[];
  /** `COUNT`: DynamoDB counts the matching items and returns none. */
  count?: boolean;
}

/**
 * Builds one Query request. `limit` here is DynamoDB's (items evaluated); the sender turns the
 * caller's limit into the remaining count for each request.
 */
export function buildQuery(
  target: Target,
  request: QueryRequest,
  startKey?: Record<string, AttributeValue>,
): QueryCommandInput {
  const { model } = target;
  const index = findIndex(model, request.index);
  if (request.consistentRead && index?.type === 'global') {
    invalid(`query: consistent reads are not possible on global index ${index.name}`);
  }
  const limit = checkLimit(request.limit);
  const ctx = new ExpressionContext();
  const keyCondition = compileKeyCondition(model, index, request.key, ctx);
  const filter = request.filter ? compileCondition(model, request.filter, ctx) : undefined;
  const projection = projectionPart(model, index, request, ctx);
  const exclusiveStart =
    startKey ??
    (request.cursor !== undefined ? decodeCursor(request.cursor, request.index) : undefined);
  return {
    TableName: target.tableName,
    ...(index ? { IndexName: index.name } : {}),
    KeyConditionExpression: keyCondition,
    ...(filter ? { FilterExpression: filter } : {}),
    ...projection,
    ...ctx.attributes(),
    ...(request.descending ? { ScanIndexForward: false } : {}),
    ...(limit !== undefined ? { Limit: limit } : {}),
    ...(exclusiveStart ? { ExclusiveStartKey: exclusiveStart } : {}),
    ...(request.consistentRead ? { ConsistentRead: true } : {}),
  };
}

/** A scan in untyped form. */
export interface ScanRequest {
  index?: string;
  filter?: Condition;
  limit?: number;
  cursor?: string;
  consistentRead?: boolean;
  /** One segment of a parallel scan. */
  segment?: { index: number; total: number };
  /** Fetch only these fields (and the keys): a ProjectionExpression. */
  attributes?: readonly string[];
  /** `COUNT`: DynamoDB counts the matching items and returns none. */
  count?: boolean;
}

/** The `Select` / `ProjectionExpression` members of a query or scan. */
function projectionPart(
  model: TableModel,
  index: IndexModel | undefined,
  request: { attributes?: readonly string[]; count?: boolean },
  ctx: ExpressionContext,
): { Select?: 'COUNT'; ProjectionExpression?: string } {
  if (request.count) {
    if (request.attributes !== undefined)
      invalid('a count takes no attributes (it returns no items)');
    return { Select: 'COUNT' };
  }
  if (request.attributes === undefined) return {};
  return { ProjectionExpression: projectionOf(model, index, request.attributes, ctx) };
}

/** Builds one Scan request. */
export function buildScan(
  target: Target,
  request: ScanRequest = {},
  startKey?: Record<string, AttributeValue>,
): ScanCommandInput {
  const { model } = target;
  const index = findIndex(model, request.index);
  if (request.consistentRead && index?.type === 'global') {
    invalid(`scan: consistent reads are not possible on global index ${index.name}`);
  }
  const limit = checkLimit(request.limit);
  const segment = request.segment;
  if (segment) {
    const ok =
      Number.isSafeInteger(segment.total) &&
      segment.total >= 1 &&
      segment.total <= 1_000_000 &&
      Number.isSafeInteger(segment.index) &&
      segment.index >= 0 &&
      segment.index < segment.total;
    if (!ok)
      invalid(
        `scan: segment must satisfy 0 <= index < total <= 1000000, got ${describeValue(segment)}`,
      );
  }
  const ctx = new ExpressionContext();
  const filter = request.filter ? compileCondition(model, request.filter, ctx) : undefined;
  const projection = projectionPart(model, index, request, ctx);
  const exclusiveStart =
    startKey ??
    (request.cursor !== undefined ? decodeCursor(request.cursor, request.index) : undefined);
  return {
    TableName: target.tableName,
    ...(index ? { IndexName: index.name } : {}),
    ...(filter ? { FilterExpression: filter } : {}),
    ...projection,
    ...ctx.attributes(),
    ...(limit !== undefined ? { Limit: limit } : {}),
    ...(segment ? { Segment: segment.index, TotalSegments: segment.total } : {}),
    ...(exclusiveStart ? { ExclusiveStartKey: exclusiveStart } : {}),
    ...(request.consistentRead ? { ConsistentRead: true } : {}),
  };
}

/**
 * DynamoDB's `Limit` for the next request towards a caller's `limit`. Without a filter it is
 * the count still missing, so nothing is read in vain; with a filter none is set (a full page),
 * because a filter may drop most of what is read and small pages would multiply requests.
 */
export function requestLimit(
  request: { limit?: number; filter?: unknown },
  collected: number,
): number | undefined {
  if (request.limit === undefined || request.filter !== undefined) return undefined;
  return request.limit - collected;
}

/**
 * The key to continue after a stored item: the table key plus, for an index, the index key
 * (what DynamoDB itself puts in LastEvaluatedKey).
 */
export function continuationKey(
  model: TableModel,
  index: IndexModel | undefined,
  raw: Record<string, AttributeValue>,
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const field of [model.partitionKey, model.sortKey, index?.partitionKey, index?.sortKey]) {
    if (field && raw[field.savedAs] !== undefined) out[field.savedAs] = raw[field.savedAs]!;
  }
  return out;
}
