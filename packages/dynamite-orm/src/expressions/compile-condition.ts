import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { isMissableVersion } from '../model/missing-version.js';
import { type ResolvedPath, resolvePath, type TableModel } from '../model/table-model.js';
import { SchemaIssue, toDynamiteError } from '../schema/issue.js';
import type { Condition } from './condition.js';
import type { ExpressionContext } from './context.js';

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

/**
 * Encodes a value for the attribute at a path: a value to store (`update`) passes the schema's
 * `.validate()` rules too; a value to compare with (`operand`) only its type, so
 * `lt('price', 0)` is a fine question about a price kept at or above 0.
 */
export function encodeAtPath(
  resolved: ResolvedPath,
  value: unknown,
  what: string,
  use: 'store' | 'operand' = 'store',
): AttributeValue {
  let av: AttributeValue | undefined;
  try {
    av = use === 'operand' ? resolved.encodeOperand(value) : resolved.encode(value);
  } catch (error) {
    return toDynamiteError(error, `invalid value in ${what}`, [resolved.path]);
  }
  return av ?? invalid(`${what}: ${resolved.path} cannot be compared with an empty set`);
}

/** Encodes the operand of a `size(...)` comparison: a non-negative integer. */
export function encodeSize(resolved: ResolvedPath, n: unknown): AttributeValue {
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return { N: String(n) };
  return toDynamiteError(new SchemaIssue('a non-negative integer size', n), 'invalid size', [
    resolved.path,
  ]);
}

/** Encodes what `contains` looks for: a substring, a set element or a list element. */
export function encodeElement(resolved: ResolvedPath, value: unknown): AttributeValue {
  const { attribute } = resolved;
  const check = (ok: boolean, expected: string) => {
    if (!ok)
      toDynamiteError(new SchemaIssue(expected, value), 'invalid contains value', [resolved.path]);
  };
  switch (attribute.kind) {
    case 'stringSet':
      check(typeof value === 'string', 'a string element');
      return { S: value as string };
    case 'numberSet':
      check(typeof value === 'number' && Number.isFinite(value), 'a number element');
      return { N: String(value) };
    case 'list':
      try {
        const av = resolved.encodeElement!(value);
        return av ?? invalid(`contains: ${resolved.path} elements cannot be empty sets`);
      } catch (error) {
        return toDynamiteError(error, 'invalid contains value', [resolved.path]);
      }
    default:
      if (attribute.dynamoType === 'S') {
        check(typeof value === 'string', 'a substring');
        return { S: value as string };
      }
      if (attribute.dynamoType === 'B') {
        check(value instanceof Uint8Array, 'a Uint8Array');
        return { B: value as Uint8Array };
      }
      return invalid(
        `contains: ${resolved.path} is stored as ${attribute.dynamoType}, not a string, set or list`,
      );
  }
}

/**
 * A comparison of the version on a table whose items may lack it, as DynamoDB must judge it:
 * an absent version counts as 0, so the comparison holds for an absent one exactly when it
 * holds for 0.
 */
function countingAbsentAsZero(
  model: TableModel,
  resolved: ResolvedPath,
  condition: Condition,
  expression: string,
  ctx: ExpressionContext,
): string {
  if (!isMissableVersion(model, resolved)) return expression;
  const path = ctx.path(resolved.saved);
  // No parentheses of its own: DynamoDB refuses redundant ones, and `and`, `or` and `not`
  // already put every operand in parentheses.
  if (holdsForUnversioned(condition)) return `attribute_not_exists(${path}) OR ${expression}`;
  // DynamoDB finds every comparison with an absent attribute false, except `<>`.
  const notEqual = condition.type === 'compare' && condition.operator === '<>';
  return notEqual ? `attribute_exists(${path}) AND ${expression}` : expression;
}

/** Whether a comparison, `between` or `in` of a number holds for 0. */
function holdsForUnversioned(condition: Condition): boolean {
  switch (condition.type) {
    case 'compare': {
      const value = condition.value as number;
      switch (condition.operator) {
        case '=':
          return value === 0;
        case '<>':
          return value !== 0;
        case '<':
          return 0 < value;
        case '<=':
          return 0 <= value;
        case '>':
          return 0 > value;
        case '>=':
          return 0 >= value;
      }
      return false;
    }
    case 'between':
      return (condition.low as number) <= 0 && 0 <= (condition.high as number);
    case 'in':
      return condition.values.includes(0);
    default:
      return false;
  }
}

/** Compiles a condition to expression text, adding its names and values to the context. */
export function compileCondition(
  model: TableModel,
  condition: Condition,
  ctx: ExpressionContext,
): string {
  switch (condition.type) {
    case 'exists': {
      const resolved = resolvePath(model, condition.path);
      const fn = condition.exists ? 'attribute_exists' : 'attribute_not_exists';
      return `${fn}(${ctx.path(resolved.saved)})`;
    }
    case 'compare': {
      const resolved = resolvePath(model, condition.path);
      if (condition.size) {
        const value = ctx.value(encodeSize(resolved, condition.value));
        return `size(${ctx.path(resolved.saved)}) ${condition.operator} ${value}`;
      }
      const value = ctx.value(encodeAtPath(resolved, condition.value, 'condition', 'operand'));
      const expression = `${ctx.path(resolved.saved)} ${condition.operator} ${value}`;
      return countingAbsentAsZero(model, resolved, condition, expression, ctx);
    }
    case 'between': {
      const resolved = resolvePath(model, condition.path);
      const encode = condition.size
        ? (v: unknown) => encodeSize(resolved, v)
        : (v: unknown) => encodeAtPath(resolved, v, 'condition', 'operand');
      const low = ctx.value(encode(condition.low));
      const high = ctx.value(encode(condition.high));
      const operand = condition.size
        ? `size(${ctx.path(resolved.saved)})`
        : ctx.path(resolved.saved);
      const expression = `${operand} BETWEEN ${low} AND ${high}`;
      return condition.size
        ? expression
        : countingAbsentAsZero(model, resolved, condition, expression, ctx);
    }
    case 'beginsWith': {
      const resolved = resolvePath(model, condition.path);
      if (resolved.attribute.dynamoType !== 'S') {
        invalid(
          `beginsWith: ${resolved.path} is stored as ${resolved.attribute.dynamoType}, not S`,
        );
      }
      if (typeof condition.prefix !== 'string') {
        invalid(`beginsWith: the prefix must be a string, got ${describeValue(condition.prefix)}`);
      }
      return `begins_with(${ctx.path(resolved.saved)}, ${ctx.value({ S: condition.prefix })})`;
    }
    case 'contains': {
      const resolved = resolvePath(model, condition.path);
      const value = ctx.value(encodeElement(resolved, condition.value));
      return `contains(${ctx.path(resolved.saved)}, ${value})`;
    }
    case 'in': {
      const resolved = resolvePath(model, condition.path);
      if (condition.values.length === 0 || condition.values.length > 100) {
        invalid(`in: ${resolved.path} needs 1 to 100 values, got ${condition.values.length}`);
      }
      const values = condition.values.map((v) =>
        ctx.value(encodeAtPath(resolved, v, 'condition', 'operand')),
      );
      const expression = `${ctx.path(resolved.saved)} IN (${values.join(', ')})`;
      return countingAbsentAsZero(model, resolved, condition, expression, ctx);
    }
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0)
        invalid(`${condition.type}() needs at least one condition`);
      if (condition.conditions.length === 1)
        return compileCondition(model, condition.conditions[0]!, ctx);
      const joiner = condition.type === 'and' ? ' AND ' : ' OR ';
      return condition.conditions.map((c) => `(${compileCondition(model, c, ctx)})`).join(joiner);
    }
    case 'not':
      return `NOT (${compileCondition(model, condition.condition, ctx)})`;
    case 'stored': {
      const resolved = resolvePath(model, condition.path);
      if (condition.value === undefined) return `attribute_not_exists(${ctx.path(resolved.saved)})`;
      return `${ctx.path(resolved.saved)} = ${ctx.value(condition.value)}`;
    }
    default:
      return invalid(`unknown condition ${describeValue(condition)}`);
  }
}

/** Joins conditions with AND, skipping undefined ones. */
export function allOf(...conditions: (Condition | undefined)[]): Condition | undefined {
  const present = conditions.filter((c): c is Condition => c !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { type: 'and', conditions: present };
}

/** Joins conditions with OR; `undefined` when there are none. */
export function anyOf(conditions: readonly Condition[]): Condition | undefined {
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return { type: 'or', conditions: [...conditions] };
}
