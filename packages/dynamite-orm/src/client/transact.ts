import {
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  type AccessGate,
  authorizeWrites,
  type PlannedWrite,
  type WriteDenial,
  writesRefused,
} from '../access/gate.js';
import { type CancellationReason, DynamiteError } from '../errors/dynamite-error.js';
import type { Condition } from '../expressions/condition.js';
import { keyFingerprint, type TableModel } from '../model/table-model.js';
import type { Actor } from '../policy/actor.js';
import type { WritePlan } from '../requests/write.js';
import type { TrackedWrite } from './connection.js';
import { addedCondition, type Enforcement, enforcementOf, policyFailure } from './enforce.js';
import type { GetOperation } from './multi/get-operation.js';
import { readAll } from './multi/transact-get.js';
import type { Send } from './send.js';
import { decodeCurrent, isVersionConflict } from './write-errors.js';

/** DynamoDB's limit on operations per transaction. */
export const TRANSACTION_LIMIT = 100;

/** The kinds of operation of a transaction. */
export type TransactKind = 'put' | 'update' | 'delete' | 'check';

/**
 * One planned operation of a transaction, made by `db.as(viewer).tx.put(...)` and friends.
 * Operations of several tables can be mixed in one transaction. `T` is the item of its table
 * (or entity), `K` its kind, for the items `transactWrite` returns.
 */
export interface TransactOperation<T = unknown, K extends TransactKind = TransactKind> {
  readonly kind: 'transact-operation';
  /** For inference only (never set): the item and the kind of the operation. */
  readonly '~item'?: T;
  readonly '~kind'?: K;
  /** @internal a consistent read of the item the operation targets, for `returnItems: 'reread'` */
  readonly readBack?: () => GetOperation<unknown>;
  /** @internal the item as the caller receives it (an entity strips its hidden keys) */
  readonly finish?: (item: Record<string, unknown>) => unknown;
  readonly model: TableModel;
  readonly tableName: string;
  readonly client: DynamoDBClient;
  /** The connection's `send` (hooks, capacity, signal); the first operation's is used. */
  readonly send: Send;
  readonly gate: AccessGate;
  readonly actor: Actor<unknown>;
  readonly plan: WritePlan;
  /** What the write check sees. */
  readonly write: PlannedWrite;
  /** The write check's view and what its rules read of the stored item. */
  readonly tracked: TrackedWrite;
  /** The same operation planned with a condition the write policy requires added. */
  readonly replan: (policy: Condition) => WritePlan;
  /**
   * The element of `TransactItems` as planned; `transactWrite` adds to its condition what the
   * write policy requires of the stored item, once it has checked it.
   */
  readonly request: TransactWriteItem;
}

/** Options of {@link transactWrite}. */
export interface TransactWriteOptions {
  /** Idempotency token: DynamoDB applies a retried transaction with the same token once. */
  clientRequestToken?: string;
  /**
   * Return the items written, one per operation (`items`). TransactWriteItems itself returns
   * none. `written`: what the transaction wrote that is known without a read, the whole item
   * of each put (as `put` returns it); `undefined` for updates, deletes and checks. `reread`:
   * after the transaction, one TransactGetItems (serializable, strongly consistent) of every
   * item it put, updated or checked, each checked by its read policy (`undefined` where
   * withheld, listed in `withheld` unless the table conceals denied reads); deletes are
   * `undefined`. A re-read is not part of the
   * transaction: a write made in between shows in it.
   */
  returnItems?: 'written' | 'reread';
}

/** Result of {@link transactWrite}. */
export interface TransactWriteResult {
  /** Operations applied. */
  operations: number;
}

/** The item one operation gives with `returnItems: 'written'`: a put's, else none. */
export type WrittenItem<Op> =
  Op extends TransactOperation<infer T, infer K> ? (K extends 'put' ? T : undefined) : never;

/** The item one operation gives with `returnItems: 'reread'`: as stored after, if readable. */
export type RereadItem<Op> =
  Op extends TransactOperation<infer T, infer K>
    ? K extends 'delete'
      ? undefined
      : T | undefined
    : never;

/** Result of {@link transactWrite} with `returnItems`: one item per operation, in order. */
export interface TransactWriteItemsResult<Items> extends TransactWriteResult {
  items: Items;
  /** Operations whose re-read item the read policy withheld (`reread` only). */
  withheld: number[];
}

/** The TransactWriteItem element for a plan (single-request-only fields dropped). */
export function transactItem(plan: WritePlan): TransactWriteItem {
  switch (plan.type) {
    case 'put':
      return { Put: plan.input as NonNullable<TransactWriteItem['Put']> };
    case 'update': {
      const { ReturnValues: _, ...input } = plan.input;
      return { Update: input as NonNullable<TransactWriteItem['Update']> };
    }
    case 'delete': {
      const { ReturnValues: _, ...input } = plan.input;
      return { Delete: input as NonNullable<TransactWriteItem['Delete']> };
    }
    case 'check':
      return { ConditionCheck: plan.input };
  }
}

function checkOperations(operations: readonly TransactOperation[]): void {
  if (
    !Array.isArray(operations) ||
    operations.length === 0 ||
    operations.length > TRANSACTION_LIMIT
  ) {
    throw new DynamiteError(
      'request.invalid',
      `transactWrite needs 1 to ${TRANSACTION_LIMIT} operations, got ${Array.isArray(operations) ? operations.length : typeof operations}`,
    );
  }
  const seen = new Set<string>();
  operations.forEach((op, index) => {
    if (op?.kind !== 'transact-operation') {
      throw new DynamiteError(
        'request.invalid',
        `transactWrite operation ${index} was not made by db.as(viewer).tx`,
      );
    }
    const id = `${op.tableName}\u0001${keyFingerprint(op.model, op.plan.key)}`;
    if (seen.has(id)) {
      throw new DynamiteError(
        'request.invalid',
        `transactWrite operation ${index} targets an item an earlier operation targets (DynamoDB refuses that)`,
      );
    }
    seen.add(id);
  });
}

/**
 * The exact TransactWriteItems request for a list of operations, without sending it.
 *
 * @example
 * const input = buildTransactWrite([db.as(v).tx.put(user), db.as(v).tx.delete(oldKey)]);
 */
export function buildTransactWrite(
  operations: readonly TransactOperation[],
  options: TransactWriteOptions = {},
): TransactWriteItemsCommandInput {
  checkOperations(operations);
  return {
    TransactItems: operations.map((op) => op.request),
    ...(options.clientRequestToken ? { ClientRequestToken: options.clientRequestToken } : {}),
  };
}

type RawReasons = { Code?: string; Message?: string; Item?: Record<string, never> }[];

function rawReasons(error: Error): RawReasons | undefined {
  return (error as { CancellationReasons?: RawReasons }).CancellationReasons;
}

function cancellation(
  operations: readonly TransactOperation[],
  plans: readonly WritePlan[],
  error: Error,
): DynamiteError<'transaction.cancelled'> {
  const raw = rawReasons(error);
  const reasons: CancellationReason[] = operations.map((op, index) => {
    const reason = raw?.[index];
    const code = reason?.Code ?? 'None';
    const item = decodeCurrent(op.model, reason?.Item);
    return {
      index,
      table: op.tableName,
      operation: plans[index]!.type,
      code,
      ...(reason?.Message ? { message: reason.Message } : {}),
      versionConflict:
        code === 'ConditionalCheckFailed' &&
        isVersionConflict(op.model, plans[index]!.expectation, item),
      ...(item ? { item } : {}),
    };
  });
  const failed = reasons.filter((r) => r.code !== 'None');
  return new DynamiteError(
    'transaction.cancelled',
    `transaction cancelled: ${failed.map((r) => `#${r.index} ${r.operation} on ${r.table}: ${r.versionConflict ? 'version conflict' : r.code}`).join('; ') || error.message}`,
    { cause: error, reasons },
  );
}

/**
 * The cancellation without the stored items that the read policy of their table denies to
 * the operation's actor: a failed condition must not become a way to read.
 */
async function withheldItems(
  operations: readonly TransactOperation[],
  error: DynamiteError<'transaction.cancelled'>,
): Promise<DynamiteError> {
  const { reasons } = error;
  const denied = await Promise.all(
    reasons.map(async (reason) => {
      if (reason.item === undefined) return false;
      const op = operations[reason.index]!;
      // A read rule that fails withholds the item rather than hide the cancellation.
      return op.gate.readDenial(op.actor, reason.item).then(
        (denial) => denial !== undefined,
        () => true,
      );
    }),
  );
  if (!denied.includes(true)) return error;
  return new DynamiteError('transaction.cancelled', error.message, {
    cause: error.cause,
    reasons: reasons.map((reason, i) => {
      if (!denied[i]) return reason;
      const { item: _, ...rest } = reason;
      return rest;
    }),
  });
}

/**
 * Applies up to 100 operations atomically, across tables. Every operation passes its table's
 * write policy before anything is sent; if any is denied nothing is written and the
 * `policy.denied` error lists every denied operation with its index. A cancelled transaction
 * is `transaction.cancelled` with one reason per operation (the current item included when a
 * condition failed and the read policy lets the operation's viewer read it).
 *
 * @example
 * await transactWrite([
 *   users.as(v).tx.update({ id: 'u1' }, { increment: { posts: 1 } }),
 *   posts.as(v).tx.put({ id: 'p1', authorId: 'u1', text: 'hi' }, { mode: 'create' }),
 * ]);
 */
export async function transactWrite<const Ops extends readonly TransactOperation[]>(
  operations: Ops,
  options: TransactWriteOptions & { returnItems: 'written' },
): Promise<TransactWriteItemsResult<{ -readonly [I in keyof Ops]: WrittenItem<Ops[I]> }>>;
export async function transactWrite<const Ops extends readonly TransactOperation[]>(
  operations: Ops,
  options: TransactWriteOptions & { returnItems: 'reread' },
): Promise<TransactWriteItemsResult<{ -readonly [I in keyof Ops]: RereadItem<Ops[I]> }>>;
export async function transactWrite(
  operations: readonly TransactOperation[],
  options?: TransactWriteOptions,
): Promise<TransactWriteResult>;
export async function transactWrite(
  operations: readonly TransactOperation[],
  options: TransactWriteOptions = {},
): Promise<TransactWriteResult | TransactWriteItemsResult<unknown[]>> {
  const { returnItems } = options;
  if (returnItems !== undefined && returnItems !== 'written' && returnItems !== 'reread') {
    throw new DynamiteError(
      'request.invalid',
      `transactWrite: returnItems must be 'written' or 'reread', got ${String(returnItems)}`,
    );
  }
  const input = buildTransactWrite(operations, options);
  const client = operations[0]!.client;
  if (operations.some((op) => op.client !== client)) {
    throw new DynamiteError(
      'request.invalid',
      'transactWrite operations must come from tables connected to one client',
    );
  }
  for (const { gate, actor } of operations) gate.enter(actor, 'transactWrite');
  const checks = await authorizeWrites(
    operations.map(({ gate, actor, write }) => ({ gate, actor, write })),
  );
  const enforcements = await Promise.all(
    operations.map((op, i) => enforcementOf(checks[i]!, op.tracked)),
  );
  const plans = operations.map((op, i) => {
    const added = addedCondition(enforcements[i]!);
    return added ? op.replan(added) : op.plan;
  });
  try {
    await operations[0]!.send(
      new TransactWriteItemsCommand({ ...input, TransactItems: plans.map(transactItem) }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') {
      refusedByPolicy(operations, enforcements, error);
      throw await withheldItems(operations, cancellation(operations, plans, error));
    }
    throw error;
  }
  if (returnItems === 'written') {
    const items = operations.map((op, i) => {
      if (plans[i]!.type !== 'put') return undefined;
      const item = (op.write as { item: Record<string, unknown> }).item;
      return op.finish ? op.finish(item) : item;
    });
    return { operations: operations.length, items, withheld: [] };
  }
  if (returnItems === 'reread')
    return { operations: operations.length, ...(await reread(operations)) };
  return { operations: operations.length };
}

/**
 * Reads back what a transaction wrote, after it: nothing may throw for a denial by then (the
 * write happened), so a denied item is withheld and its operation listed.
 */
async function reread(
  operations: readonly TransactOperation[],
): Promise<{ items: unknown[]; withheld: number[] }> {
  const at: number[] = [];
  const reads: GetOperation<unknown>[] = [];
  operations.forEach((op, index) => {
    if (op.write.type === 'delete' || op.readBack === undefined) return;
    at.push(index);
    reads.push(op.readBack());
  });
  const items: unknown[] = operations.map(() => undefined);
  if (reads.length === 0) return { items, withheld: [] };
  const { items: found, denials } = await readAll(reads);
  const withheld: number[] = [];
  at.forEach((index, i) => {
    items[index] = found[i];
  });
  for (const denial of denials) withheld.push(at[denial.index]!);
  return { items, withheld: withheld.sort((a, b) => a - b) };
}

/** Throws `policy.denied` when a condition that failed was the write policy's. */
function refusedByPolicy(
  operations: readonly TransactOperation[],
  enforcements: readonly Enforcement[],
  error: Error,
): void {
  const raw = rawReasons(error);
  const denials: WriteDenial[] = [];
  operations.forEach((op, index) => {
    const reason = raw?.[index];
    if (reason?.Code !== 'ConditionalCheckFailed') return;
    const failure = policyFailure(op.model, enforcements[index]!, reason.Item, op.write, index);
    if (failure?.kind === 'denied') denials.push(failure.denial);
  });
  if (denials.length > 0) throw writesRefused(denials, operations.length);
}
