import type {
  AttributeValue,
  ConditionCheck,
  DeleteItemCommandInput,
  PutItemCommandInput,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamiteError, describeValue } from '../errors/dynamite-error.js';
import { allOf, compileCondition } from '../expressions/compile-condition.js';
import { type Condition, conditionBuilder } from '../expressions/condition.js';
import { ExpressionContext } from '../expressions/context.js';
import { compileUpdate, joinUpdate } from '../expressions/update.js';
import { UNVERSIONED } from '../model/missing-version.js';
import { checkKeyValue, encodeKey, type TableModel, type Target } from '../model/table-model.js';
import { deriveOnUpdate } from '../schema/derived.js';
import { toDynamiteError } from '../schema/issue.js';

/**
 * What a write's own condition expects of the stored item, so a failed condition can be
 * reported as the right error (`version.conflict` or `condition.failed`).
 */
export type Expectation =
  | { readonly kind: 'none' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'present' }
  | { readonly kind: 'version'; readonly version: number };

/** Options every conditional write shares (untyped form; the table gives the typed one). */
export interface WriteConditionOptions {
  /** An extra condition, ANDed with the ones the operation adds itself. */
  if?: Condition;
  /**
   * What the write policy requires of the stored item, ANDed into the condition sent; kept
   * apart in the plan so a failure can be told from the caller's own condition.
   */
  policy?: Condition;
  /**
   * The time of the write, for `.timestamp()` attributes (default: now). Given so a write
   * planned twice (again after the policy check) stores the times the policy saw.
   */
  now?: Date;
}

/** Put modes: `create` fails if the item exists; `replace` overwrites (conditionally when versioned). */
export type PutMode = 'create' | 'replace';

/** A put, planned: the exact request and what its condition expects. */
export interface PutPlan {
  /** What the write policy requires of the stored item (ANDed into the sent condition). */
  readonly policy?: Condition;
  readonly type: 'put';
  readonly key: Record<string, AttributeValue>;
  readonly stored: Record<string, AttributeValue>;
  readonly expectation: Expectation;
  readonly condition: Condition | undefined;
  readonly input: PutItemCommandInput;
}

/** An update, planned. */
export interface UpdatePlan {
  /** What the write policy requires of the stored item (ANDed into the sent condition). */
  readonly policy?: Condition;
  readonly type: 'update';
  readonly key: Record<string, AttributeValue>;
  /** The actions as sent: derived values (timestamps, computed fields) included. */
  readonly changes: Record<string, unknown>;
  readonly expectation: Expectation;
  readonly condition: Condition | undefined;
  readonly input: UpdateItemCommandInput;
}

/** A delete, planned. */
export interface DeletePlan {
  /** What the write policy requires of the stored item (ANDed into the sent condition). */
  readonly policy?: Condition;
  readonly type: 'delete';
  readonly key: Record<string, AttributeValue>;
  readonly expectation: Expectation;
  readonly condition: Condition | undefined;
  readonly input: DeleteItemCommandInput;
}

/** A transaction condition check, planned. */
export interface CheckPlan {
  /** What the write policy requires of the stored item (ANDed into the sent condition). */
  readonly policy?: Condition;
  readonly type: 'check';
  readonly key: Record<string, AttributeValue>;
  readonly expectation: Expectation;
  readonly condition: Condition;
  readonly input: ConditionCheck;
}

/** Any planned write. */
export type WritePlan = PutPlan | UpdatePlan | DeletePlan | CheckPlan;

const c = conditionBuilder();

function invalid(message: string): never {
  throw new DynamiteError('request.invalid', message);
}

function conditionParts(
  model: TableModel,
  condition: Condition | undefined,
  ctx: ExpressionContext,
) {
  if (!condition) return {};
  return {
    ConditionExpression: compileCondition(model, condition, ctx),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

function checkVersionNumber(model: TableModel, version: unknown, what: string): number {
  if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 0) return version;
  return invalid(
    version === undefined && what !== 'a replacing put'
      ? `${what} on versioned table ${model.name} needs the ${model.version!.name} that was read: pass { expectedVersion: item.${model.version!.name} } (or expectedVersion: 'any' to change whatever is stored)`
      : `${what} on versioned table ${model.name} needs the ${model.version!.name} that was read (a non-negative integer), got ${describeValue(version)}`,
  );
}

/**
 * The condition that the stored version is `version`. On a table that keeps items without a
 * version, 0 also matches an absent version, and so would a missing item: the item must exist.
 */
function versionIs(model: TableModel, version: number): Condition {
  const same = c.eq(model.version!.name, version);
  if (!model.versionMayBeMissing || version !== UNVERSIONED) return same;
  return c.and(c.exists(model.partitionKey.name), same);
}

/**
 * Plans a put. On a versioned table, an item without a version is created (the key must be
 * free) and an item with the version that was read replaces it only if that version is still
 * stored; the stored version becomes one more.
 */
export function planPut(
  target: Target,
  item: unknown,
  options: { mode?: PutMode } & WriteConditionOptions = {},
): PutPlan {
  const { model } = target;
  if (typeof item !== 'object' || item === null)
    invalid(`put needs an item object, got ${describeValue(item)}`);
  const input = item as Record<string, unknown>;
  let expectation: Expectation = { kind: 'none' };
  let toStore = input;
  if (options.mode !== undefined && options.mode !== 'create' && options.mode !== 'replace') {
    invalid(`put mode must be 'create' or 'replace', got ${describeValue(options.mode)}`);
  }
  if (model.version) {
    const name = model.version.name;
    const current = input[name];
    const create =
      options.mode === 'create' || (options.mode === undefined && current === undefined);
    if (create) {
      expectation = { kind: 'absent' };
      toStore = { ...input, [name]: 1 };
    } else {
      const version = checkVersionNumber(model, current, 'a replacing put');
      expectation = { kind: 'version', version };
      toStore = { ...input, [name]: version + 1 };
    }
  } else if (options.mode === 'create') {
    expectation = { kind: 'absent' };
  }
  let stored: Record<string, AttributeValue>;
  try {
    stored = model.codec.encode(toStore, options.now);
    checkKeyValue(model.partitionKey, stored[model.partitionKey.savedAs]);
    if (model.sortKey) checkKeyValue(model.sortKey, stored[model.sortKey.savedAs]);
  } catch (error) {
    return toDynamiteError(error, `invalid item for table ${model.name}`);
  }
  const own =
    expectation.kind === 'absent'
      ? c.notExists(model.partitionKey.name)
      : expectation.kind === 'version'
        ? versionIs(model, expectation.version)
        : undefined;
  const condition = allOf(own, options.if);
  const ctx = new ExpressionContext();
  const parts = conditionParts(model, allOf(condition, options.policy), ctx);
  const key: Record<string, AttributeValue> = {
    [model.partitionKey.savedAs]: stored[model.partitionKey.savedAs]!,
  };
  if (model.sortKey) key[model.sortKey.savedAs] = stored[model.sortKey.savedAs]!;
  return {
    type: 'put',
    key,
    stored,
    expectation,
    condition,
    ...(options.policy ? { policy: options.policy } : {}),
    input: { TableName: target.tableName, Item: stored, ...parts, ...ctx.attributes() },
  };
}

/** Options of an update (untyped form). */
export interface PlanUpdateOptions extends WriteConditionOptions {
  /** Create the item when it does not exist. Default false: updating a missing item fails. */
  upsert?: boolean;
  /** Versioned tables: the version read, or `'any'` to skip the check (still increments). */
  expectedVersion?: number | 'any';
}

function ownVersionCondition(
  model: TableModel,
  expected: number | 'any' | undefined,
  what: string,
) {
  if (!model.version) {
    if (expected !== undefined) invalid(`${what}: table ${model.name} has no version attribute`);
    return undefined;
  }
  if (expected === 'any') return undefined;
  return checkVersionNumber(model, expected, what);
}

/** Plans an update. Returns the new item (ALL_NEW) when sent alone. */
export function planUpdate(
  target: Target,
  key: unknown,
  actions: Record<string, unknown>,
  options: PlanUpdateOptions = {},
): UpdatePlan {
  const { model } = target;
  const encodedKey = encodeKey(model, key);
  if (typeof actions !== 'object' || actions === null) invalid(`update needs an actions object`);
  const ctx = new ExpressionContext();
  const sent = deriveOnUpdate(model.codec.derived, actions, options.now ?? new Date());
  const clauses = compileUpdate(model, sent, ctx);
  const version = ownVersionCondition(model, options.expectedVersion, 'update');
  if (model.version) {
    const v = ctx.name(model.version.savedAs);
    if (version === undefined) clauses.add.push(`${v} ${ctx.value({ N: '1' })}`);
    else clauses.set.push(`${v} = ${ctx.value({ N: String(version + 1) })}`);
  }
  const expression = joinUpdate(clauses);
  if (!expression) invalid('update: the actions change nothing');
  const expectation: Expectation =
    version !== undefined
      ? { kind: 'version', version }
      : options.upsert
        ? { kind: 'none' }
        : { kind: 'present' };
  const own =
    expectation.kind === 'version'
      ? versionIs(model, expectation.version)
      : expectation.kind === 'present'
        ? c.exists(model.partitionKey.name)
        : undefined;
  const condition = allOf(own, options.if);
  const parts = conditionParts(model, allOf(condition, options.policy), ctx);
  return {
    type: 'update',
    key: encodedKey,
    changes: sent,
    expectation,
    condition,
    ...(options.policy ? { policy: options.policy } : {}),
    input: {
      TableName: target.tableName,
      Key: encodedKey,
      UpdateExpression: expression,
      ...parts,
      ...ctx.attributes(),
      ReturnValues: 'ALL_NEW',
    },
  };
}

/** Plans a delete. Returns the deleted item (ALL_OLD) when sent alone. */
export function planDelete(
  target: Target,
  key: unknown,
  options: WriteConditionOptions & { expectedVersion?: number | 'any' } = {},
): DeletePlan {
  const { model } = target;
  const encodedKey = encodeKey(model, key);
  const version = ownVersionCondition(model, options.expectedVersion, 'delete');
  const expectation: Expectation =
    version !== undefined ? { kind: 'version', version } : { kind: 'none' };
  const condition = allOf(
    version !== undefined ? versionIs(model, version) : undefined,
    options.if,
  );
  const ctx = new ExpressionContext();
  const parts = conditionParts(model, allOf(condition, options.policy), ctx);
  return {
    type: 'delete',
    key: encodedKey,
    expectation,
    condition,
    ...(options.policy ? { policy: options.policy } : {}),
    input: {
      TableName: target.tableName,
      Key: encodedKey,
      ...parts,
      ...ctx.attributes(),
      ReturnValues: 'ALL_OLD',
    },
  };
}

/** Plans a condition check (transactions only). */
export function planCheck(
  target: Target,
  key: unknown,
  condition: Condition,
  options: { policy?: Condition } = {},
): CheckPlan {
  const { model } = target;
  const encodedKey = encodeKey(model, key);
  const ctx = new ExpressionContext();
  const expression = compileCondition(model, allOf(condition, options.policy)!, ctx);
  return {
    type: 'check',
    key: encodedKey,
    expectation: { kind: 'none' },
    condition,
    ...(options.policy ? { policy: options.policy } : {}),
    input: {
      TableName: target.tableName,
      Key: encodedKey,
      ConditionExpression: expression,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ...ctx.attributes(),
    },
  };
}
