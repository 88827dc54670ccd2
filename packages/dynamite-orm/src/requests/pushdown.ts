// A read policy's predicate pushed into a query or scan. The predicate is a superset of what
// the policy can allow, so any part of it may be dropped (the rest is still a superset); parts
// are dropped where DynamoDB would judge them differently from the check made after decoding,
// or where DynamoDB refuses them.
import { allOf } from '../expressions/compile-condition.js';
import type { Condition } from '../expressions/condition.js';
import { conditionFields } from '../expressions/evaluate-condition.js';
import { queryKeyFields, type SortKeyCondition } from '../expressions/key-condition.js';
import type { TableModel } from '../model/table-model.js';
import { findIndex, type QueryRequest, type ScanRequest } from './read.js';

function conjuncts(condition: Condition): Condition[] {
  return condition.type === 'and' ? condition.conditions.flatMap(conjuncts) : [condition];
}

/**
 * Whether DynamoDB judges the condition as the check after decoding does. Not where decoding
 * fills in what is not stored: a default, the empty set a required set reads as; nor on dates
 * stored as ISO text, which DynamoDB compares as text while older items may be written in
 * another ISO form than the one a condition's Date is encoded to.
 */
function faithful(model: TableModel, condition: Condition): boolean {
  switch (condition.type) {
    case 'and':
    case 'or':
      return condition.conditions.every((c) => faithful(model, c));
    case 'not':
      return faithful(model, condition.condition);
    case 'stored':
      return false;
    default: {
      const segments = condition.path.split('.');
      for (let i = 1; i <= segments.length; i++) {
        const resolved = model.paths.get(segments.slice(0, i).join('.'));
        if (!resolved) return false;
        const { attribute } = resolved;
        if (attribute.hasDefault) return false;
        const isSet = attribute.kind === 'stringSet' || attribute.kind === 'numberSet';
        if (isSet && !attribute.isOptional) return false;
        if (attribute.kind === 'date' && (attribute.dateStorage ?? 'iso') === 'iso') return false;
      }
      return true;
    }
  }
}

const SORT_OPERATORS = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const;

/** The sort key condition a conjunct is, if it can be one. */
function sortKeyCondition(
  condition: Condition,
  stringKey: boolean,
): SortKeyCondition<unknown> | undefined {
  switch (condition.type) {
    case 'compare':
      if (condition.size) return undefined;
      if (condition.operator === '=') return { eq: condition.value };
      if (condition.operator === '<>') return undefined;
      return { [SORT_OPERATORS[condition.operator]]: condition.value } as SortKeyCondition<unknown>;
    case 'between':
      return condition.size ? undefined : { between: [condition.low, condition.high] };
    case 'beginsWith':
      return stringKey ? { beginsWith: condition.prefix } : undefined;
    default:
      return undefined;
  }
}

/**
 * A query with a read policy's predicate added: a part on the sort key queried becomes the
 * sort key condition when the caller gave none (then DynamoDB reads only those items, and
 * charges only for them); parts on the key attributes queried are otherwise dropped (a query
 * filter may not name them); the rest joins the filter.
 */
export function pushIntoQuery(
  model: TableModel,
  request: QueryRequest,
  predicate: Condition | undefined,
): QueryRequest {
  if (predicate === undefined || typeof request.key !== 'object' || request.key === null) {
    return request;
  }
  const { partitionKey, sortKey } = queryKeyFields(model, findIndex(model, request.index));
  const key = request.key as Record<string, unknown>;
  let sortCondition: SortKeyCondition<unknown> | undefined;
  const filter: Condition[] = [];
  for (const part of conjuncts(predicate)) {
    if (!faithful(model, part)) continue;
    const fields = conditionFields(part);
    const onPartition = fields.has(partitionKey.name);
    const onSort = sortKey !== undefined && fields.has(sortKey.name);
    if (!onPartition && !onSort) {
      filter.push(part);
      continue;
    }
    if (onSort && !onPartition && fields.size === 1 && sortCondition === undefined) {
      if (key[sortKey.name] === undefined) {
        sortCondition = sortKeyCondition(part, sortKey.attribute.dynamoType === 'S');
      }
    }
  }
  if (sortCondition === undefined && filter.length === 0) return request;
  return {
    ...request,
    ...(sortCondition !== undefined ? { key: { ...key, [sortKey!.name]: sortCondition } } : {}),
    ...(filter.length > 0 ? { filter: allOf(request.filter, ...filter)! } : {}),
  };
}

/** A scan with a read policy's predicate added to its filter. */
export function pushIntoScan(
  model: TableModel,
  request: ScanRequest,
  predicate: Condition | undefined,
): ScanRequest {
  if (predicate === undefined) return request;
  const filter = conjuncts(predicate).filter((part) => faithful(model, part));
  if (filter.length === 0) return request;
  return { ...request, filter: allOf(request.filter, ...filter)! };
}
