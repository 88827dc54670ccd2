import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { type ResolvedPath, resolvePath, type TableModel } from '../model/table-model.js';
import type { Fields } from '../schema/attribute.js';
import type { InputAt, OptionalPaths, OutputAt, PathOf, PathsWhere } from '../schema/infer.js';
import { SchemaIssue, toDynamiteError } from '../schema/issue.js';
import { encodeAtPath } from './compile-condition.js';
import type { ExpressionContext } from './context.js';

type Settable<F extends Fields, L extends string> = Exclude<PathOf<F>, L>;

/**
 * Typed update actions. Keys and the version attribute (`L`) cannot be changed. Nested map
 * attributes are reached with dotted paths (`'profile.city'`).
 *
 * @example
 * const actions = { set: { name: 'Ada', 'profile.city': 'Paris' }, increment: { logins: 1 },
 *   add: { tags: new Set(['admin']) }, append: { history: [entry] }, remove: ['nickname'] };
 */
export interface UpdateActions<F extends Fields, L extends string = never> {
  /** Set values. Setting an optional attribute to `undefined` removes it; an empty set too. */
  set?: { [P in Settable<F, L>]?: InputAt<F, P> };
  /** Set values only where the attribute is absent (`if_not_exists`). */
  setIfNotExists?: { [P in Settable<F, L>]?: NonNullable<InputAt<F, P>> };
  /** Remove optional attributes (and clear sets). */
  remove?: readonly Exclude<OptionalPaths<F> | PathsWhere<F, ReadonlySet<unknown>>, L>[];
  /** Add to a number (negative to subtract); an absent attribute counts as zero. */
  increment?: {
    [P in Exclude<PathsWhere<F, number | bigint>, L>]?: NonNullable<OutputAt<F, P>> extends bigint
      ? bigint
      : number;
  };
  /** DynamoDB `ADD`: add to a number, or add elements to a set. */
  add?: {
    [P in Exclude<PathsWhere<F, number | bigint | ReadonlySet<unknown>>, L>]?: NonNullable<
      InputAt<F, P>
    >;
  };
  /** DynamoDB `DELETE`: remove elements from a set. */
  delete?: { [P in Exclude<PathsWhere<F, ReadonlySet<unknown>>, L>]?: NonNullable<InputAt<F, P>> };
  /** Append elements to the end of a list (an absent list counts as empty). */
  append?: { [P in Exclude<PathsWhere<F, readonly unknown[]>, L>]?: NonNullable<InputAt<F, P>> };
  /** Insert elements at the start of a list. */
  prepend?: { [P in Exclude<PathsWhere<F, readonly unknown[]>, L>]?: NonNullable<InputAt<F, P>> };
}

/** The clauses of an update expression before they are joined. */
export interface UpdateClauses {
  readonly set: string[];
  readonly remove: string[];
  readonly add: string[];
  readonly delete: string[];
}

const ACTION_NAMES = [
  'set',
  'setIfNotExists',
  'remove',
  'increment',
  'add',
  'delete',
  'append',
  'prepend',
] as const;

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

function schemaInvalid(
  resolved: ResolvedPath,
  expected: string,
  received: unknown,
  what: string,
): never {
  return toDynamiteError(new SchemaIssue(expected, received), what, [resolved.path]);
}

const SET_KINDS = new Set(['stringSet', 'numberSet']);
const NUMBER_KINDS = new Set(['number', 'float', 'bigint']);

/**
 * Compiles update actions into clauses, checking every value against the schema and refusing
 * locked fields, unknown paths and paths that overlap (DynamoDB would refuse them too).
 */
export function compileUpdate(
  model: TableModel,
  actions: Record<string, unknown>,
  ctx: ExpressionContext,
): UpdateClauses {
  const clauses: UpdateClauses = { set: [], remove: [], add: [], delete: [] };
  const touched: string[] = [];
  for (const name of Object.keys(actions)) {
    if (!(ACTION_NAMES as readonly string[]).includes(name)) {
      invalid(`unknown update action ${JSON.stringify(name)}; use ${ACTION_NAMES.join(', ')}`);
    }
  }
  const claim = (path: string): ResolvedPath => {
    const resolved = resolvePath(model, path);
    const top = path.split('.')[0]!;
    if (model.locked.has(top))
      invalid(`${path} is a key or the version attribute and cannot be updated`);
    for (const other of touched) {
      if (other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
        invalid(`update paths overlap: ${other} and ${path}`);
      }
    }
    touched.push(path);
    return resolved;
  };
  const entries = (value: unknown, action: string): [string, unknown][] => {
    if (value === undefined) return [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      invalid(
        `update action ${action} takes an object of path: value, got ${describeValue(value)}`,
      );
    }
    return Object.entries(value as Record<string, unknown>);
  };
  const removable = (resolved: ResolvedPath) =>
    resolved.attribute.isOptional || SET_KINDS.has(resolved.attribute.kind);

  for (const [path, value] of entries(actions.set, 'set')) {
    const resolved = claim(path);
    const p = ctx.path(resolved.saved);
    if (value === undefined) {
      if (!removable(resolved))
        schemaInvalid(resolved, 'a value (the attribute is required)', value, 'invalid update');
      clauses.remove.push(p);
      continue;
    }
    let av: AttributeValue | undefined;
    try {
      av = resolved.encode(value);
    } catch (error) {
      toDynamiteError(error, 'invalid value in update', [resolved.path]);
    }
    if (av === undefined) {
      // An empty set: DynamoDB cannot store it, so the attribute goes away.
      clauses.remove.push(p);
      continue;
    }
    clauses.set.push(`${p} = ${ctx.value(av)}`);
  }
  for (const [path, value] of entries(actions.setIfNotExists, 'setIfNotExists')) {
    const resolved = claim(path);
    const p = ctx.path(resolved.saved);
    clauses.set.push(
      `${p} = if_not_exists(${p}, ${ctx.value(encodeAtPath(resolved, value, 'update'))})`,
    );
  }
  if (actions.remove !== undefined) {
    if (!Array.isArray(actions.remove)) invalid(`update action remove takes an array of paths`);
    for (const path of actions.remove as unknown[]) {
      if (typeof path !== 'string')
        invalid(`remove: paths are strings, got ${describeValue(path)}`);
      const resolved = claim(path);
      if (!removable(resolved)) {
        schemaInvalid(
          resolved,
          'an optional attribute (required ones cannot be removed)',
          path,
          'invalid update',
        );
      }
      clauses.remove.push(ctx.path(resolved.saved));
    }
  }
  for (const [path, value] of entries(actions.increment, 'increment')) {
    const resolved = claim(path);
    if (!NUMBER_KINDS.has(resolved.attribute.kind)) {
      invalid(`increment: ${path} is a ${resolved.attribute.kind}, not a number`);
    }
    const p = ctx.path(resolved.saved);
    const amount = ctx.value(encodeAtPath(resolved, value, 'update'));
    clauses.set.push(`${p} = if_not_exists(${p}, ${ctx.value({ N: '0' })}) + ${amount}`);
  }
  for (const [path, value] of entries(actions.add, 'add')) {
    const resolved = claim(path);
    const kind = resolved.attribute.kind;
    if (!NUMBER_KINDS.has(kind) && !SET_KINDS.has(kind))
      invalid(`add: ${path} is a ${kind}, not a number or a set`);
    if (value instanceof Set && value.size === 0) continue;
    clauses.add.push(
      `${ctx.path(resolved.saved)} ${ctx.value(encodeAtPath(resolved, value, 'update'))}`,
    );
  }
  for (const [path, value] of entries(actions.delete, 'delete')) {
    const resolved = claim(path);
    if (!SET_KINDS.has(resolved.attribute.kind))
      invalid(`delete: ${path} is a ${resolved.attribute.kind}, not a set`);
    if (value instanceof Set && value.size === 0) continue;
    clauses.delete.push(
      `${ctx.path(resolved.saved)} ${ctx.value(encodeAtPath(resolved, value, 'update'))}`,
    );
  }
  for (const action of ['append', 'prepend'] as const) {
    for (const [path, value] of entries(actions[action], action)) {
      const resolved = claim(path);
      if (resolved.attribute.kind !== 'list')
        invalid(`${action}: ${path} is a ${resolved.attribute.kind}, not a list`);
      if (Array.isArray(value) && value.length === 0) continue;
      const p = ctx.path(resolved.saved);
      const items = ctx.value(encodeAtPath(resolved, value, 'update'));
      const current = `if_not_exists(${p}, ${ctx.value({ L: [] })})`;
      clauses.set.push(
        action === 'append'
          ? `${p} = list_append(${current}, ${items})`
          : `${p} = list_append(${items}, ${current})`,
      );
    }
  }
  return clauses;
}

/** Joins clauses into an UpdateExpression, or undefined when there is nothing to do. */
export function joinUpdate(clauses: UpdateClauses): string | undefined {
  const parts: string[] = [];
  if (clauses.set.length) parts.push(`SET ${clauses.set.join(', ')}`);
  if (clauses.remove.length) parts.push(`REMOVE ${clauses.remove.join(', ')}`);
  if (clauses.add.length) parts.push(`ADD ${clauses.add.join(', ')}`);
  if (clauses.delete.length) parts.push(`DELETE ${clauses.delete.join(', ')}`);
  return parts.length ? parts.join(' ') : undefined;
}
