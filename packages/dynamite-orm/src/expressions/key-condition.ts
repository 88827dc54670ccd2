import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { checkKeyValue, type IndexModel, type TableModel } from '../model/table-model.js';
import type { IndexName, TableShape } from '../model/table-shape.js';
import type { FieldCodec } from '../schema/codec.js';
import { atSegment, toDynamiteError } from '../schema/issue.js';
import type { ExpressionContext } from './context.js';

/**
 * A condition on a sort key: a value (equality) or one of `eq`, `lt`, `le`, `gt`, `ge`,
 * `between`, `beginsWith`.
 */
export type SortKeyCondition<T> = [T] extends [unknown]
  ?
      | T
      | { readonly eq: T }
      | { readonly lt: T }
      | { readonly le: T }
      | { readonly gt: T }
      | { readonly ge: T }
      | { readonly between: readonly [T, T] }
      | { readonly beginsWith: string }
  : never;

type FieldOut<S extends TableShape, K> = K extends keyof S['fields']
  ? NonNullable<S['fields'][K]['~types']['out']>
  : never;

type KeyQuery<S extends TableShape, PK extends string, SK> = {
  [P in PK]: FieldOut<S, P>;
} & (SK extends string ? { [P in SK]?: SortKeyCondition<FieldOut<S, P>> } : unknown);

/** The key part of a query: the partition key value and an optional sort key condition. */
export type QueryKey<S extends TableShape, I> =
  I extends IndexName<S>
    ? KeyQuery<S, S['indexes'][I]['partitionKey'], S['indexes'][I]['sortKey']>
    : KeyQuery<S, S['partitionKey'], S['sortKey']>;

const OPERATORS = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

// A key condition asks about stored values, so it takes the type's checks but not the
// `.validate()` ones (as condition operands do): `{ sku: { beginsWith: ... } }` or a range
// bound outside what a check allows is a fine question, answered by what is stored.
function encodeKeyValue(
  model: TableModel,
  field: FieldCodec,
  value: unknown,
  what: string,
): AttributeValue {
  try {
    const encode = model.paths.get(field.name)?.encodeOperand ?? field.encode;
    const av = encode(value);
    checkKeyValue(field, av);
    return av!;
  } catch (error) {
    return toDynamiteError(atSegment(error, field.name), what);
  }
}

function isConditionObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

/** The key fields a query on the table or on an index uses. */
export function queryKeyFields(model: TableModel, index: IndexModel | undefined) {
  return index
    ? { partitionKey: index.partitionKey, sortKey: index.sortKey }
    : { partitionKey: model.partitionKey, sortKey: model.sortKey };
}

/** Compiles `{ pk: value, sk?: condition }` into a KeyConditionExpression. */
export function compileKeyCondition(
  model: TableModel,
  index: IndexModel | undefined,
  key: unknown,
  ctx: ExpressionContext,
): string {
  const { partitionKey, sortKey } = queryKeyFields(model, index);
  const where = index ? `index ${index.name}` : `table ${model.name}`;
  if (typeof key !== 'object' || key === null) {
    invalid(`query: key must be an object with ${partitionKey.name}, got ${describeValue(key)}`);
  }
  const record = key as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (name !== partitionKey.name && name !== sortKey?.name) {
      invalid(
        `query: ${name} is not a key of ${where}; its keys are ${[partitionKey.name, sortKey?.name].filter(Boolean).join(', ')}`,
      );
    }
  }
  if (record[partitionKey.name] === undefined)
    invalid(`query: ${where} needs ${partitionKey.name}`);
  const pk = ctx.value(
    encodeKeyValue(model, partitionKey, record[partitionKey.name], 'invalid query key'),
  );
  let expression = `${ctx.name(partitionKey.savedAs)} = ${pk}`;
  const condition = sortKey ? record[sortKey.name] : undefined;
  if (condition === undefined || !sortKey) return expression;
  const sk = ctx.name(sortKey.savedAs);
  const encode = (v: unknown) => ctx.value(encodeKeyValue(model, sortKey, v, 'invalid query key'));
  if (!isConditionObject(condition)) return `${expression} AND ${sk} = ${encode(condition)}`;
  const ops = Object.keys(condition);
  if (ops.length !== 1) {
    invalid(
      `query: ${sortKey.name} takes one of eq, lt, le, gt, ge, between, beginsWith; got ${ops.join(', ') || 'none'}`,
    );
  }
  const op = ops[0]!;
  const operand = condition[op];
  if (op in OPERATORS) {
    expression += ` AND ${sk} ${OPERATORS[op as keyof typeof OPERATORS]} ${encode(operand)}`;
  } else if (op === 'between') {
    if (!Array.isArray(operand) || operand.length !== 2)
      invalid(`query: between takes [low, high]`);
    expression += ` AND ${sk} BETWEEN ${encode(operand[0])} AND ${encode(operand[1])}`;
  } else if (op === 'beginsWith') {
    if (typeof operand !== 'string' || sortKey.attribute.dynamoType !== 'S') {
      invalid(`query: beginsWith takes a string prefix on an S sort key`);
    }
    expression += ` AND begins_with(${sk}, ${ctx.value({ S: operand })})`;
  } else {
    invalid(`query: unknown sort key condition ${op}; use eq, lt, le, gt, ge, between, beginsWith`);
  }
  return expression;
}
