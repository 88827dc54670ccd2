import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Fields } from '../schema/attribute.js';
import type { ElementOf, InputAt, OutputAt, PathOf, PathsWhere } from '../schema/infer.js';

/** A comparison operator of DynamoDB's expression language. */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A condition as data. Built with a {@link ConditionBuilder}; compiled to a DynamoDB condition
 * expression only when a request is built. Readable by tools (e.g. write policies).
 */
export type Condition =
  | { readonly type: 'exists'; readonly path: string; readonly exists: boolean }
  | {
      readonly type: 'compare';
      readonly path: string;
      readonly operator: ComparisonOperator;
      readonly value: unknown;
      /** Compare `size(path)` instead of the value. */
      readonly size: boolean;
    }
  | {
      readonly type: 'between';
      readonly path: string;
      readonly low: unknown;
      readonly high: unknown;
      readonly size: boolean;
    }
  | { readonly type: 'beginsWith'; readonly path: string; readonly prefix: string }
  | { readonly type: 'contains'; readonly path: string; readonly value: unknown }
  | { readonly type: 'in'; readonly path: string; readonly values: readonly unknown[] }
  | { readonly type: 'and' | 'or'; readonly conditions: readonly Condition[] }
  | { readonly type: 'not'; readonly condition: Condition }
  | {
      /**
       * The top-level attribute holds exactly this stored value, or is absent when `value` is
       * `undefined`. Made by the write check to hold a rule to the item it read; the builder
       * has no method for it.
       */
      readonly type: 'stored';
      readonly path: string;
      readonly value: AttributeValue | undefined;
    };

/** Comparisons on `size(path)`: the length of a string, binary, list, map or set. */
export interface SizeOperand {
  eq(n: number): Condition;
  ne(n: number): Condition;
  lt(n: number): Condition;
  le(n: number): Condition;
  gt(n: number): Condition;
  ge(n: number): Condition;
  between(low: number, high: number): Condition;
}

type Comparable<F extends Fields, P extends string> = InputAt<F, P>;

/** Typed condition builder over an item's attribute paths. Stateless; safe to share. */
export interface ConditionBuilder<F extends Fields> {
  /** The attribute is present (`attribute_exists`). */
  exists(path: PathOf<F>): Condition;
  /** The attribute is absent (`attribute_not_exists`). */
  notExists(path: PathOf<F>): Condition;
  eq<P extends PathOf<F>>(path: P, value: Comparable<F, P>): Condition;
  ne<P extends PathOf<F>>(path: P, value: Comparable<F, P>): Condition;
  lt<P extends PathOf<F>>(path: P, value: Comparable<F, P>): Condition;
  le<P extends PathOf<F>>(path: P, value: Comparable<F, P>): Condition;
  gt<P extends PathOf<F>>(path: P, value: Comparable<F, P>): Condition;
  ge<P extends PathOf<F>>(path: P, value: Comparable<F, P>): Condition;
  between<P extends PathOf<F>>(path: P, low: Comparable<F, P>, high: Comparable<F, P>): Condition;
  /** The string attribute starts with `prefix`. */
  beginsWith(path: PathsWhere<F, string | Date>, prefix: string): Condition;
  /** A string contains a substring, or a set or list contains an element. */
  contains<P extends PathsWhere<F, string | ReadonlySet<unknown> | readonly unknown[]>>(
    path: P,
    value: ElementOf<NonNullable<OutputAt<F, P>>>,
  ): Condition;
  /** The value is one of `values` (1 to 100 of them). */
  in<P extends PathOf<F>>(path: P, values: readonly Comparable<F, P>[]): Condition;
  /** Compare the size of the attribute. */
  size(path: PathOf<F>): SizeOperand;
  and(...conditions: Condition[]): Condition;
  or(...conditions: Condition[]): Condition;
  not(condition: Condition): Condition;
}

/** A function that builds a condition from the typed builder. */
export type ConditionInput<F extends Fields> = (c: ConditionBuilder<F>) => Condition;

function compare(operator: ComparisonOperator) {
  return (path: string, value: unknown): Condition => ({
    type: 'compare',
    path,
    operator,
    value,
    size: false,
  });
}

function sizeOperand(path: string): SizeOperand {
  const make =
    (operator: ComparisonOperator) =>
    (n: number): Condition => ({ type: 'compare', path, operator, value: n, size: true });
  return {
    eq: make('='),
    ne: make('<>'),
    lt: make('<'),
    le: make('<='),
    gt: make('>'),
    ge: make('>='),
    between: (low, high) => ({ type: 'between', path, low, high, size: true }),
  };
}

const builder: ConditionBuilder<Fields> = Object.freeze({
  exists: (path: string): Condition => ({ type: 'exists', path, exists: true }),
  notExists: (path: string): Condition => ({ type: 'exists', path, exists: false }),
  eq: compare('='),
  ne: compare('<>'),
  lt: compare('<'),
  le: compare('<='),
  gt: compare('>'),
  ge: compare('>='),
  between: (path: string, low: unknown, high: unknown): Condition => ({
    type: 'between',
    path,
    low,
    high,
    size: false,
  }),
  beginsWith: (path: string, prefix: string): Condition => ({ type: 'beginsWith', path, prefix }),
  contains: (path: string, value: unknown): Condition => ({ type: 'contains', path, value }),
  in: (path: string, values: readonly unknown[]): Condition => ({
    type: 'in',
    path,
    values: [...values],
  }),
  size: sizeOperand,
  and: (...conditions: Condition[]): Condition => ({ type: 'and', conditions }),
  or: (...conditions: Condition[]): Condition => ({ type: 'or', conditions }),
  not: (condition: Condition): Condition => ({ type: 'not', condition }),
}) as ConditionBuilder<Fields>;

/** The condition builder for a field set (one stateless object shared by all tables). */
export function conditionBuilder<F extends Fields>(): ConditionBuilder<F> {
  return builder as unknown as ConditionBuilder<F>;
}

/** Runs a condition callback against the builder. */
export function buildCondition<F extends Fields>(input: ConditionInput<F>): Condition {
  return input(conditionBuilder<F>());
}
